#include "crosswalk/api/server.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <charconv>
#include <chrono>
#include <map>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sstream>
#include <sys/stat.h>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosswalk/api/access.hpp"
#include "crosswalk/api/dashboard_assets.hpp"
#include "crosswalk/api/http_error.hpp"
#include "crosswalk/api/openapi.hpp"
#include "crosswalk/api/report_cache.hpp"
#include "crosswalk/api/snapshot.hpp"
#include "crosswalk/api/table_query.hpp"
#include "crosswalk/common/log.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/report/report_render.hpp"
#include "crosswalk/report/report_request.hpp"
#include "crosswalk/report/reports.hpp"

namespace crosswalk::api {

ErrorStatus StatusOf(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::kInvalidInput:
        return {400, "invalid_input"};
    case ErrorKind::kNotFound:
        return {404, "not_found"};
    case ErrorKind::kConflict:
        return {409, "conflict"};
    case ErrorKind::kUnsupported:
        return {400, "unsupported"};
    case ErrorKind::kIo:
        return {500, "io"};
    case ErrorKind::kStore:
        return {500, "store"};
    case ErrorKind::kInternal:
        return {500, "internal"};
    }
    return {500, "internal"};
}

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr size_t kDefaultLimit = 1000;
constexpr size_t kMaxLimit = 100000;
// The reports the dashboard opens on, computed when a snapshot is taken.
constexpr std::array<std::string_view, 6> kWarmReports = {"taxonomy",         "chargeback", "license-position",
                                                          "license-findings", "kpis",       "budget"};

std::optional<int64_t> ParseInt64(std::string_view text) {
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() ? std::optional<int64_t>(value) : std::nullopt;
}

std::vector<std::string> Split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) {
            return parts;
        }
        start = end + 1;
    }
}

// Headers and body go out as two writes; with Nagle's algorithm on, a kept-alive connection's next answer waits
// for the client's delayed ACK of the last one (40 ms on Linux). Debian's build of cpp-httplib 0.11 applies
// neither set_tcp_nodelay nor set_socket_options to a server's socket, so TCP_NODELAY is set here on the
// listening socket (found by its port), which Linux copies to every connection it accepts.
void SetNoDelayOnListener(int port) {
    for (int fd = 3; fd < 4096; ++fd) {
        sockaddr_storage address{};
        socklen_t length = sizeof(address);
        int listening = 0;
        socklen_t flag_length = sizeof(listening);
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
            getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &flag_length) != 0 || listening == 0) {
            continue;
        }
        const int bound = address.ss_family == AF_INET    ? ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port)
                          : address.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port)
                                                          : -1;
        if (bound == port) {
            const int on = 1;
            (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
        }
    }
}

bool IsLoopback(const std::string& address) {
    in_addr v4{};
    if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24) == 127;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
        return IN6_IS_ADDR_LOOPBACK(&v6);
    }
    return address == "localhost";
}

std::string_view ColumnTypeName(report::ColumnType type) {
    switch (type) {
    case report::ColumnType::kText:
        return "text";
    case report::ColumnType::kInteger:
        return "integer";
    case report::ColumnType::kDecimal:
        return "decimal";
    case report::ColumnType::kMoney:
        return "money";
    case report::ColumnType::kPercentage:
        return "percentage";
    case report::ColumnType::kDate:
        return "date";
    }
    return "text";
}

// The rows of `table` as the CLI's --format json writes them (the same function), without the final newline.
std::string JsonRows(const report::ReportTable& table, const std::vector<report::ReportRow>& rows) {
    report::ReportTable part;
    part.columns = table.columns;
    part.rows = rows;
    std::ostringstream out;
    report::WriteReportJson(part, out);
    std::string text = out.str();
    while (!text.empty() && text.back() == '\n') {
        text.pop_back();
    }
    return text;
}

// "--as-of" for the query's "as_of" (or "as-of").
std::string OptionName(const std::string& parameter) {
    std::string option = "--" + parameter;
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

// access.json, read again whenever it changes, so a token revoked on the command line stops at once.
class AccessCache {
public:
    explicit AccessCache(fs::path root) : root_(std::move(root)) {}

    AccessFile Current() {
        const fs::path path = AccessFilePath(root_);

        struct stat status {};

        const std::string state =
            ::stat(path.c_str(), &status) == 0
                ? fmt::format("{}@{}.{}", status.st_size, status.st_mtim.tv_sec, status.st_mtim.tv_nsec)
                : "-";
        std::lock_guard lock(mutex_);
        if (state != state_ || !loaded_) {
            file_ = AccessFile::Load(root_);
            state_ = state;
            loaded_ = true;
        }
        return file_;
    }

private:
    fs::path root_;
    std::mutex mutex_;
    std::string state_;
    bool loaded_ = false;
    AccessFile file_;
};

} // namespace

struct Server::State {
    ServeOptions options;
    SnapshotSource snapshots;
    AccessCache access;
    ReportCache cache;
    httplib::Server http;
    int port = 0;
    std::thread warmer;
    std::mutex warm_mutex;
    std::condition_variable warm_signal;
    bool stopping = false;
    int64_t warmed_generation = 0;

    explicit State(ServeOptions serve_options)
        : options(std::move(serve_options)), snapshots(options.root), access(options.root) {}

    // The caller, or nullopt when authentication is off (then everyone is an unscoped admin, on loopback).
    std::optional<Principal> Authorize(const httplib::Request& request, Role at_least) {
        const AccessFile file = access.Current();
        if (!file.AuthenticationOn()) {
            if (!IsLoopback(options.bind)) {
                // The last user was removed while serving another address: closed, not open to anyone.
                throw HttpError(401, "unauthorized",
                                fmt::format("this server listens on {} and no user exists: add one (crosswalk user "
                                            "add) or serve on 127.0.0.1",
                                            options.bind));
            }
            return std::nullopt;
        }
        const std::string header = request.get_header_value("Authorization");
        const std::string_view bearer = "Bearer ";
        if (header.size() <= bearer.size() || header.compare(0, bearer.size(), bearer) != 0) {
            throw HttpError(401, "unauthorized",
                            "send an API token: Authorization: Bearer <token> (crosswalk token create)");
        }
        std::optional<Principal> principal = file.Authenticate(std::string_view(header).substr(bearer.size()));
        if (!principal) {
            throw HttpError(401, "unauthorized", "the token is unknown or revoked");
        }
        if (!principal->HasRole(at_least)) {
            throw HttpError(403, "forbidden",
                            fmt::format("user {} has the {} role; this needs {}", principal->user,
                                        RoleName(principal->role), RoleName(at_least)));
        }
        return principal;
    }

    // A report's table on the current snapshot, from the cache.
    ReportCache::Table ReportTableFor(const Snapshot& snapshot, const std::string& cache_key,
                                      const std::function<report::ReportTable(store::Connection&)>& build) {
        return cache.Get(snapshot.generation, cache_key, [&] {
            store::Connection connection = snapshot.workspace->Connect();
            return build(connection);
        });
    }

    // Splits the query into the report's options (by the catalog) and the list's parameters and column filters.
    struct ListRequest {
        TableQuery query;
        std::string format = "json";
        std::vector<std::pair<std::string, std::string>> filters; // applied once the table's columns are known
    };

    ListRequest ParseList(const httplib::Request& request,
                          const std::function<bool(const std::string&, const std::string&)>& take_option) {
        ListRequest list;
        list.query.limit = kDefaultLimit;
        for (const auto& [name, value] : request.params) {
            if (name == "limit") {
                const std::optional<int64_t> limit = ParseInt64(value);
                if (!limit || *limit < 1 || static_cast<size_t>(*limit) > kMaxLimit) {
                    throw HttpError(400, "invalid_input",
                                    fmt::format("limit takes a whole number from 1 to {}, not '{}'", kMaxLimit, value));
                }
                list.query.limit = static_cast<size_t>(*limit);
            } else if (name == "cursor") {
                list.query.cursor = value;
            } else if (name == "sort") {
                list.query.sort = value;
            } else if (name == "q") {
                list.query.search = value;
            } else if (name == "format") {
                if (value != "json" && value != "csv" && value != "xlsx") {
                    throw HttpError(400, "invalid_input",
                                    fmt::format("format takes json, csv or xlsx, not '{}'", value));
                }
                list.format = value;
            } else if (!take_option(name, value)) {
                // provider=AWS&provider=Azure is provider=AWS,Azure
                const std::string& parameter = name; // a structured binding: clang 14 does not capture one
                const auto same = std::find_if(list.filters.begin(), list.filters.end(),
                                               [&](const auto& filter) { return filter.first == parameter; });
                if (same != list.filters.end()) {
                    same->second += "," + value;
                } else {
                    list.filters.emplace_back(name, value);
                }
            }
        }
        return list;
    }

    void Answer(httplib::Response& response, const report::ReportTable& table, ListRequest list,
                const std::optional<Principal>& principal, int64_t generation, const report::ReportInfo* info = nullptr,
                const std::string& period = {}) {
        std::string narrowed;
        for (const auto& [column, values] : list.filters) {
            // A report option this report does not take reads as a column it does not have: say which it is.
            const std::string option = OptionName(column);
            const std::string& wanted = column; // a structured binding: clang 14 does not capture one
            const auto& known = report::ReportOptionNames();
            if (info != nullptr && std::find(known.begin(), known.end(), option) != known.end() &&
                std::none_of(table.columns.begin(), table.columns.end(),
                             [&wanted](const report::ReportColumn& c) { return c.name == wanted; })) {
                std::vector<std::string> names;
                for (const report::ReportColumn& c : table.columns) {
                    names.push_back(c.name);
                }
                throw HttpError(400, "invalid_input",
                                fmt::format("report {} does not take {} and has no column {}; it takes {}; its columns "
                                            "are: {}",
                                            info->name, option, column,
                                            info->options.empty() ? std::string("no options") : Join(info->options),
                                            Join(names)));
            }
            list.query.filters.push_back(ColumnFilter{column, Split(values, ',')});
            narrowed += fmt::format("{}{}={}", narrowed.empty() ? "" : ", ", column, values);
        }
        if (!list.query.search.empty()) {
            narrowed += fmt::format("{}q={}", narrowed.empty() ? "" : ", ", list.query.search);
        }
        if (principal && principal->Scoped()) {
            narrowed +=
                fmt::format("{}cost centers {} only", narrowed.empty() ? "" : ", ", Join(principal->cost_centers));
        }
        if (list.format != "json") {
            list.query.limit = 0;
            list.query.cursor.reset();
        }
        TablePage page = QueryTable(table, list.query, principal);
        if (!narrowed.empty()) {
            page.table.title += fmt::format(" (rows where {})", narrowed); // a download's totals are of these rows
        }
        if (list.format == "csv" || list.format == "xlsx") {
            std::ostringstream out;
            report::WriteReport(page.table,
                                list.format == "csv" ? report::ReportFormat::kCsv : report::ReportFormat::kXlsx, out);
            response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}{}.{}\"", table.name,
                                                                   period.empty() ? "" : "-" + period, list.format));
            response.set_content(out.str(), list.format == "csv"
                                                ? "text/csv; charset=utf-8"
                                                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            return;
        }
        json columns = json::array();
        for (const report::ReportColumn& column : table.columns) {
            columns.push_back({{"name", column.name}, {"type", ColumnTypeName(column.type)}});
        }
        // Rows and totals are spliced in as the CLI renders them; the rest is built as JSON.
        std::string body =
            fmt::format("{{\"report\": {}, \"title\": {}, \"snapshot\": {}, \"columns\": {}, \"matched\": {}, "
                        "\"next_cursor\": {},\n"
                        "\"rows\": {},\n\"totals\": {}}}\n",
                        report::JsonString(table.name), report::JsonString(table.title), generation, columns.dump(),
                        page.matched, page.next_cursor ? report::JsonString(*page.next_cursor) : "null",
                        JsonRows(table, page.table.rows), JsonRows(table, page.table.totals));
        response.set_content(body, "application/json");
    }

    // A report of the catalog: its options from the query (as the CLI parses them), the rest the list's; the table
    // from the cache of the snapshot.
    void ServeReport(const httplib::Request& request, httplib::Response& response, const report::ReportInfo& info) {
        const std::optional<Principal> principal = Authorize(request, Role::kViewer);
        const std::shared_ptr<const Snapshot> snapshot = snapshots.Current();
        report::ReportRequest report_request;
        report_request.workspace_root = snapshot->dir;
        std::map<std::string, std::string> given; // sorted: the cache key
        ListRequest list = ParseList(request, [&](const std::string& name, const std::string& value) {
            const std::string option = OptionName(name);
            if (std::find(info.options.begin(), info.options.end(), option) == info.options.end() ||
                option == "--fail-on-violation") {
                return false;
            }
            report::SetReportOption(info, report_request, option, value);
            given[option] = value;
            return true;
        });
        CheckRequest(info, principal, report_request);
        if (report_request.by == std::optional<std::string>("cost_center")) {
            list.query.scope_column = "series"; // a forecast or anomalies by cost center: the series is one
        }
        std::string key = info.name;
        for (const auto& [option, value] : given) {
            key += fmt::format("\x1f{}={}", option, value);
        }
        const ReportCache::Table table = ReportTableFor(
            *snapshot, key, [&](store::Connection& connection) { return info.run(connection, report_request); });
        Answer(response, *table, std::move(list), principal, snapshot->generation, &info,
               given.count("--period") > 0 ? given["--period"]
               : given.count("--year") > 0 ? given["--year"]
                                           : "");
    }

    void ServeExplain(const httplib::Request& request, httplib::Response& response) {
        const std::optional<Principal> principal = Authorize(request, Role::kViewer);
        report::ExplainOptions explain;
        explain.dimension = request.matches[1].str();
        explain.value = request.matches[2].str();
        if (explain.dimension != "cost_center" && explain.dimension != "application") {
            throw HttpError(404, "not_found",
                            fmt::format("explain takes cost_center or application, not '{}'", explain.dimension));
        }
        if (principal && principal->Scoped() &&
            (explain.dimension != "cost_center" || !principal->MaySeeCostCenter(explain.value))) {
            throw HttpError(
                403, "forbidden",
                fmt::format("user {} sees only cost centers {}", principal->user, Join(principal->cost_centers)));
        }
        const std::shared_ptr<const Snapshot> snapshot = snapshots.Current();
        std::string period;
        ListRequest list = ParseList(request, [&](const std::string& name, const std::string& value) {
            if (name != "period") {
                return false;
            }
            explain.period = report::Period::Parse(value);
            period = value;
            return true;
        });
        const ReportCache::Table table = ReportTableFor(
            *snapshot, fmt::format("explain\x1f{}\x1f{}\x1f{}", explain.dimension, explain.value, period),
            [&](store::Connection& connection) { return report::ExplainReport(connection, explain); });
        // The explanation is of one value the check above let through: its rows carry no cost_center column.
        Answer(response, *table, std::move(list), std::nullopt, snapshot->generation);
    }

    void Register() {
        http.new_task_queue = [threads = options.threads] {
            return new httplib::ThreadPool(threads);
        };
        const auto guarded = [](auto handler) {
            return [handler](const httplib::Request& request, httplib::Response& response) {
                try {
                    handler(request, response);
                } catch (const HttpError& error) {
                    SendError(response, error.Status(), error.Kind(), error.what());
                } catch (const Error& error) {
                    const ErrorStatus status = StatusOf(error.Kind());
                    SendError(response, status.status, status.kind, error.Message());
                } catch (const std::exception& error) {
                    SendError(response, 500, "internal", error.what());
                }
            };
        };
        http.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& response) {
            static const std::string document = OpenApiDocument();
            response.set_content(document, "application/json");
        });
        http.Get("/api/v1/me", guarded([this](const httplib::Request& request, httplib::Response& response) {
                     const std::optional<Principal> principal = Authorize(request, Role::kViewer);
                     const json me = {
                         {"user", principal ? json(principal->user) : json(nullptr)},
                         {"role", principal ? RoleName(principal->role) : RoleName(Role::kAdmin)},
                         {"cost_centers", principal ? principal->cost_centers : std::vector<std::string>{}},
                         {"authentication", principal.has_value()}};
                     response.set_content(me.dump(), "application/json");
                 }));
        http.Get("/api/v1/snapshot", guarded([this](const httplib::Request& request, httplib::Response& response) {
                     (void)Authorize(request, Role::kViewer);
                     SendSnapshot(response);
                 }));
        http.Post("/api/v1/snapshot/refresh",
                  guarded([this](const httplib::Request& request, httplib::Response& response) {
                      (void)Authorize(request, Role::kEditor);
                      (void)snapshots.Refresh();
                      SendSnapshot(response);
                  }));
        http.Get("/api/v1/users", guarded([this](const httplib::Request& request, httplib::Response& response) {
                     (void)Authorize(request, Role::kAdmin);
                     const AccessFile file = access.Current();
                     json users = json::array();
                     for (const User& user : file.Users()) {
                         users.push_back({{"name", user.name},
                                          {"role", RoleName(user.role)},
                                          {"cost_centers", user.cost_centers},
                                          {"created", user.created}});
                     }
                     json tokens = json::array();
                     for (const Token& token : file.Tokens()) {
                         tokens.push_back({{"id", token.id},
                                           {"user", token.user},
                                           {"label", token.label},
                                           {"created", token.created},
                                           {"revoked", token.revoked ? json(*token.revoked) : json(nullptr)}});
                     }
                     response.set_content(json{{"users", users}, {"tokens", tokens}}.dump(), "application/json");
                 }));
        http.Get("/api/v1/reports", guarded([this](const httplib::Request& request, httplib::Response& response) {
                     (void)Authorize(request, Role::kViewer);
                     json reports = json::array();
                     for (const report::ReportInfo& info : report::Reports()) {
                         reports.push_back(
                             {{"name", info.name}, {"description", info.description}, {"options", info.options}});
                     }
                     response.set_content(json{{"reports", reports}}.dump(), "application/json");
                 }));
        http.Get(R"(/api/v1/reports/([a-z0-9-]+))",
                 guarded([this](const httplib::Request& request, httplib::Response& response) {
                     const report::ReportInfo* info = nullptr;
                     try {
                         info = &report::FindReport(request.matches[1].str());
                     } catch (const Error& error) {
                         throw HttpError(404, "not_found", error.Message());
                     }
                     ServeReport(request, response, *info);
                 }));
        http.Get(R"(/api/v1/explain/([a-z_]+)/([^/]+))",
                 guarded([this](const httplib::Request& request, httplib::Response& response) {
                     ServeExplain(request, response);
                 }));
        http.Get(R"(/api/v1/lines)", guarded([this](const httplib::Request& request, httplib::Response& response) {
                     ServeReport(request, response, report::FindReport("lines"));
                 }));
        // A route's other methods are 405 with the methods it has; POST /api/v1/snapshot/refresh is the only write.
        const auto not_allowed = [](const httplib::Request& request, httplib::Response& response) {
            const bool refresh = request.path == "/api/v1/snapshot/refresh";
            response.set_header("Allow", refresh ? "POST" : "GET");
            SendError(
                response, 405, "method_not_allowed",
                fmt::format("{} {} is not allowed; use {}", request.method, request.path, refresh ? "POST" : "GET"));
        };
        http.Get("/api/v1/snapshot/refresh", not_allowed);
        http.Post(R"(/api/v1/.+)", not_allowed);
        http.Put(R"(/api/v1/.+)", not_allowed);
        http.Patch(R"(/api/v1/.+)", not_allowed);
        http.Delete(R"(/api/v1/.+)", not_allowed);
        http.Get(R"(/api/.*)", guarded([](const httplib::Request& request, httplib::Response&) {
                     throw HttpError(404, "not_found",
                                     fmt::format("no route {}; see /api/v1/openapi.json", request.path));
                 }));
        // The dashboard: its page, its scripts, the chart library. A path of the page's own (#/...) is the page.
        http.Get(R"(/(.*))", [](const httplib::Request& request, httplib::Response& response) {
            std::string path = request.matches[1].str();
            if (path.empty()) {
                path = "index.html";
            }
            const std::optional<Asset> asset = FindAsset(path);
            if (!asset) {
                SendError(response, 404, "not_found", fmt::format("no file {}", request.path));
                return;
            }
            response.set_header("Cache-Control", path == "index.html" ? "no-cache" : "max-age=3600");
            response.set_content(std::string(asset->bytes), std::string(asset->content_type));
        });
        http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
            if (response.body.empty()) {
                if (response.status == 404) {
                    SendError(
                        response, 404, "not_found",
                        fmt::format("{} {} is not a route; see /api/v1/openapi.json", request.method, request.path));
                } else if (response.status == 400) {
                    SendError(response, 400, "invalid_input",
                              fmt::format("{} {}: the request is malformed (a POST needs a Content-Length, "
                                          "curl -d '')",
                                          request.method, request.path));
                } else {
                    SendError(response, response.status, "http", fmt::format("{} {}", request.method, request.path));
                }
            }
        });
        // Method, path and status; never a header, so never a token.
        http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
            Log().info("serve: {} {} {}", request.method, request.path, response.status);
        });
    }

    // What a report's request must be for the caller: a scoped user asks for the bill lines of one of their cost
    // centers (the lines of all would be read, and capped, before the scope picks its rows).
    static void CheckRequest(const report::ReportInfo& info, const std::optional<Principal>& principal,
                             const report::ReportRequest& request) {
        if (info.name == "lines" && principal && principal->Scoped() &&
            (!request.cost_center || !principal->MaySeeCostCenter(*request.cost_center))) {
            throw HttpError(403, "forbidden",
                            fmt::format("user {} sees only cost centers {}: name one as cost_center", principal->user,
                                        Join(principal->cost_centers)));
        }
    }

    void SendSnapshot(httplib::Response& response) {
        const std::shared_ptr<const Snapshot> snapshot = snapshots.Current();
        response.set_content(json{{"generation", snapshot->generation}, {"taken_at", snapshot->taken_at}}.dump(),
                             "application/json");
    }

    static void SendError(httplib::Response& response, int status, const std::string& kind,
                          const std::string& message) {
        response.status = status;
        if (status == 401) {
            response.set_header("WWW-Authenticate", "Bearer realm=\"crosswalk\"");
        }
        response.set_content(json{{"error", {{"kind", kind}, {"message", message}}}}.dump(), "application/json");
    }

    // Computes the dashboard's first reports on each new snapshot, so the first visitor does not wait for them.
    void Warm() {
        std::unique_lock lock(warm_mutex);
        while (!stopping) {
            const std::shared_ptr<const Snapshot> snapshot = snapshots.Current();
            if (snapshot->generation != warmed_generation) {
                lock.unlock();
                for (const std::string_view name : kWarmReports) {
                    try {
                        const report::ReportInfo& info = report::FindReport(name);
                        report::ReportRequest request;
                        request.workspace_root = snapshot->dir;
                        (void)ReportTableFor(*snapshot, info.name, [&](store::Connection& connection) {
                            return info.run(connection, request);
                        });
                    } catch (const std::exception&) {
                        // a report with nothing to show yet (no allocation, no budgets) answers its error on request
                    }
                }
                lock.lock();
                warmed_generation = snapshot->generation;
            }
            warm_signal.wait_for(lock, options.refresh_interval);
        }
    }
};

Server::Server(ServeOptions options) {
    const AccessFile access = AccessFile::Load(options.root);
    if (!IsLoopback(options.bind) && !access.AuthenticationOn()) {
        Throw(ErrorKind::kInvalidInput,
              "refusing to serve on {} with authentication off: anyone who reaches it could read every report. Add "
              "a user first (crosswalk user add NAME --role viewer; crosswalk token create NAME), or bind to "
              "127.0.0.1",
              options.bind);
    }
    state_ = std::make_unique<State>(std::move(options));
    state_->Register();
}

Server::~Server() {
    Stop();
    {
        std::lock_guard lock(state_->warm_mutex);
        state_->stopping = true;
    }
    state_->warm_signal.notify_all();
    if (state_->warmer.joinable()) {
        state_->warmer.join();
    }
}

int Server::Bind() {
    State& state = *state_;
    if (state.options.port == 0) {
        state.port = state.http.bind_to_any_port(state.options.bind);
    } else {
        state.port = state.http.bind_to_port(state.options.bind, state.options.port) ? state.options.port : -1;
    }
    if (state.port <= 0) {
        Throw(ErrorKind::kIo, "cannot listen on {}:{} (in use, or not an address of this machine)", state.options.bind,
              state.options.port);
    }
    SetNoDelayOnListener(state.port);
    state.snapshots.RefreshEvery(state.options.refresh_interval);
    if (state.options.warm_cache) {
        state.warmer = std::thread([&state] { state.Warm(); });
    }
    return state.port;
}

void Server::Listen() {
    (void)state_->http.listen_after_bind();
}

void Server::Stop() {
    state_->http.stop();
}

std::string Server::Url() const {
    const std::string& bind = state_->options.bind;
    const std::string host = bind == "0.0.0.0" || bind == "::" ? "127.0.0.1" : bind;
    return fmt::format("http://{}:{}/", host.find(':') != std::string::npos ? "[" + host + "]" : host, state_->port);
}

bool Server::AuthenticationOn() const {
    return state_->access.Current().AuthenticationOn();
}

} // namespace crosswalk::api
