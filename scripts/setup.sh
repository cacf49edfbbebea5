#!/usr/bin/env bash
# Installs everything crosswalk needs to build, test and run on Debian 12, as root.
# Idempotent: a second run checks what is there and does nothing else.
#
#   scripts/setup.sh            Debian packages + DuckDB 1.4.4 (C API) into .deps/ + the dashboard's npm
#                               packages into web/node_modules (ECharts, bundled into the binary; playwright-core,
#                               which drives Debian's chromium in the browser tests)
#
# DuckDB comes from the npm registry (the only registry besides Debian's that the machines reach):
# libduckdb.so from @duckdb/node-bindings-linux-x64 and duckdb.h from the duckdb package. Each tarball is
# checked against the sha512 integrity the registry publishes for that exact version, pinned below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DUCKDB_VERSION=1.4.4
DUCKDB_DIR="${CROSSWALK_DUCKDB_DIR:-$ROOT/.deps/duckdb-$DUCKDB_VERSION}"

LIB_PACKAGE="@duckdb/node-bindings-linux-x64@1.4.4-r.4"
LIB_INTEGRITY="sha512-jBTL/WvfwxLToFa/pVHfT6elMtltJGnc3wSuxZD9OfMltit9YUdVFS37vBFQzXMT1Z8OWjtSjMh+zPKxOwHLHA=="
HEADER_PACKAGE="duckdb@1.4.4"
HEADER_INTEGRITY="sha512-hEJJ5hyVF0VLj3dmOLpsWrQR0b3d4Ykqtygm6iUXjHJDDnSqg/USKxcb5qvNrOhFYPgktayU6dXCtgPqcmmpog=="

DEBIAN_PACKAGES=(
    build-essential cmake ninja-build pkg-config git ca-certificates
    libgtest-dev libgmock-dev libbenchmark-dev
    libcli11-dev libfmt-dev libspdlog-dev libyaml-cpp-dev nlohmann-json3-dev
    zlib1g-dev openssl libssl-dev libxlsxwriter-dev python3-openpyxl libcurl4-openssl-dev
    clang-14 libclang-rt-14-dev
    libcpp-httplib-dev chromium
    nodejs npm
)

log() { printf 'setup: %s\n' "$*" >&2; }

install_debian_packages() {
    local missing=()
    for package in "${DEBIAN_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        log "Debian packages: all present"
        return
    fi
    # npm may already be present outside dpkg (a node installed by other means); skip Debian's then.
    if command -v npm >/dev/null 2>&1; then
        local filtered=()
        for package in "${missing[@]}"; do
            [[ "$package" == nodejs || "$package" == npm ]] || filtered+=("$package")
        done
        missing=("${filtered[@]}")
        [ "${#missing[@]}" -eq 0 ] && { log "Debian packages: all present"; return; }
    fi
    if [ "$(id -u)" -ne 0 ]; then
        log "missing Debian packages (run as root to install): ${missing[*]}"
        exit 1
    fi
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Downloads PACKAGE with npm pack into DIR and checks its sha512 against INTEGRITY; prints the tarball path.
fetch_npm_tarball() {
    local package="$1" integrity="$2" dir="$3"
    local tarball
    tarball="$(cd "$dir" && npm pack --silent "$package" 2>/dev/null | tail -n 1)"
    local actual="sha512-$(openssl dgst -sha512 -binary "$dir/$tarball" | base64 -w 0)"
    if [ "$actual" != "$integrity" ]; then
        log "integrity mismatch for $package: expected $integrity, got $actual"
        rm -f "$dir/$tarball"
        exit 1
    fi
    printf '%s\n' "$dir/$tarball"
}

install_duckdb() {
    local stamp="$DUCKDB_DIR/.installed"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$LIB_INTEGRITY $HEADER_INTEGRITY" ] \
        && [ -f "$DUCKDB_DIR/lib/libduckdb.so" ] && [ -f "$DUCKDB_DIR/include/duckdb.h" ]; then
        log "DuckDB $DUCKDB_VERSION: present in $DUCKDB_DIR"
        return
    fi
    log "fetching DuckDB $DUCKDB_VERSION (npm pack, integrity checked)"
    local work
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' RETURN
    local lib_tarball header_tarball
    lib_tarball="$(fetch_npm_tarball "$LIB_PACKAGE" "$LIB_INTEGRITY" "$work")"
    header_tarball="$(fetch_npm_tarball "$HEADER_PACKAGE" "$HEADER_INTEGRITY" "$work")"
    mkdir -p "$DUCKDB_DIR/lib" "$DUCKDB_DIR/include"
    tar -xzf "$lib_tarball" -C "$work" package/libduckdb.so
    install -m 0755 "$work/package/libduckdb.so" "$DUCKDB_DIR/lib/libduckdb.so"
    tar -xzf "$header_tarball" -C "$work" package/src/duckdb/src/include/duckdb.h
    install -m 0644 "$work/package/src/duckdb/src/include/duckdb.h" "$DUCKDB_DIR/include/duckdb.h"
    printf '%s %s\n' "$LIB_INTEGRITY" "$HEADER_INTEGRITY" >"$stamp"
    log "DuckDB $DUCKDB_VERSION: installed in $DUCKDB_DIR"
}

# web/node_modules from web/package-lock.json (npm ci: the locked versions and their integrity hashes).
install_web_packages() {
    local stamp="$ROOT/web/node_modules/.crosswalk-installed"
    local lock_hash
    lock_hash="$(sha256sum "$ROOT/web/package-lock.json" | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
        log "web packages: present in web/node_modules"
        return
    fi
    log "installing web packages (npm ci in web/)"
    (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    printf '%s\n' "$lock_hash" >"$stamp"
}

install_debian_packages
install_duckdb
install_web_packages
