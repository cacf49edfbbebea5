#include "crosswalk/api/access.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sstream>
#include <sys/stat.h>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/file_hash.hpp"

namespace crosswalk::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kTokenPrefix = "cw_";

// `bytes` random bytes from OpenSSL's CSPRNG, as URL-safe text (hex for ids, base64url for secrets).
std::string RandomText(size_t bytes, bool hex) {
    std::vector<unsigned char> buffer(bytes);
    if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
        Throw(ErrorKind::kInternal, "OpenSSL could not produce random bytes for a token");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    static constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string text;
    if (hex) {
        for (const unsigned char byte : buffer) {
            text.push_back(kHex[byte >> 4]);
            text.push_back(kHex[byte & 0xF]);
        }
        return text;
    }
    uint32_t bits = 0;
    int count = 0;
    for (const unsigned char byte : buffer) {
        bits = (bits << 8) | byte;
        count += 8;
        while (count >= 6) {
            count -= 6;
            text.push_back(kBase64Url[(bits >> count) & 0x3F]);
        }
    }
    if (count > 0) {
        text.push_back(kBase64Url[(bits << (6 - count)) & 0x3F]);
    }
    return text;
}

bool ValidName(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_' || c == '@';
    });
}

} // namespace

std::string_view RoleName(Role role) noexcept {
    switch (role) {
    case Role::kViewer:
        return "viewer";
    case Role::kEditor:
        return "editor";
    case Role::kAdmin:
        return "admin";
    }
    return "viewer";
}

Role ParseRole(std::string_view text) {
    for (const Role role : {Role::kViewer, Role::kEditor, Role::kAdmin}) {
        if (RoleName(role) == text) {
            return role;
        }
    }
    Throw(ErrorKind::kInvalidInput, "unknown role '{}': use viewer, editor or admin", text);
}

bool Principal::MaySeeCostCenter(std::string_view cost_center) const {
    return cost_centers.empty() ||
           std::find(cost_centers.begin(), cost_centers.end(), cost_center) != cost_centers.end();
}

std::string UtcNowText() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

fs::path AccessFilePath(const fs::path& workspace_root) {
    return workspace_root / ".crosswalk" / "access.json";
}

AccessFile AccessFile::Load(const fs::path& root) {
    AccessFile file;
    file.path_ = AccessFilePath(root);
    std::ifstream in(file.path_, std::ios::binary);
    if (!in) {
        return file;
    }
    try {
        const json document = json::parse(in);
        for (const json& user : document.at("users")) {
            file.users_.push_back(
                User{user.at("name").get<std::string>(), ParseRole(user.at("role").get<std::string>()),
                     user.value("cost_centers", std::vector<std::string>{}), user.value("created", std::string())});
        }
        for (const json& token : document.at("tokens")) {
            Token record{token.at("id").get<std::string>(),     token.at("user").get<std::string>(),
                         token.at("sha256").get<std::string>(), token.value("label", std::string()),
                         token.value("created", std::string()), std::nullopt};
            if (token.contains("revoked") && token.at("revoked").is_string()) {
                record.revoked = token.at("revoked").get<std::string>();
            }
            file.tokens_.push_back(std::move(record));
        }
    } catch (const json::exception& error) {
        Throw(ErrorKind::kInvalidInput, "{} is damaged ({}); restore it or remove it and add the users again",
              file.path_.string(), error.what());
    } catch (const Error& error) {
        Throw(ErrorKind::kInvalidInput, "{} is damaged: {}", file.path_.string(), error.Message());
    }
    return file;
}

void AccessFile::Save() const {
    json document = {{"users", json::array()}, {"tokens", json::array()}};
    for (const User& user : users_) {
        document["users"].push_back({{"name", user.name},
                                     {"role", RoleName(user.role)},
                                     {"cost_centers", user.cost_centers},
                                     {"created", user.created}});
    }
    for (const Token& token : tokens_) {
        document["tokens"].push_back({{"id", token.id},
                                      {"user", token.user},
                                      {"sha256", token.sha256},
                                      {"label", token.label},
                                      {"created", token.created},
                                      {"revoked", token.revoked ? json(*token.revoked) : json(nullptr)}});
    }
    std::error_code error;
    fs::create_directories(path_.parent_path(), error);
    const fs::path temporary = path_.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << document.dump(2) << '\n';
        out.close();
        if (!out) {
            Throw(ErrorKind::kIo, "cannot write {}", temporary.string());
        }
    }
    ::chmod(temporary.c_str(), 0600); // hashes only, but nobody else's business
    fs::rename(temporary, path_, error);
    if (error) {
        Throw(ErrorKind::kIo, "cannot replace {}: {}", path_.string(), error.message());
    }
}

const User& AccessFile::AddUser(std::string name, Role role, std::vector<std::string> cost_centers) {
    if (!ValidName(name)) {
        Throw(ErrorKind::kInvalidInput,
              "user name '{}' must be 1 to 64 letters, digits, '.', '-', '_' or '@' (an e-mail address will do)", name);
    }
    if (std::any_of(users_.begin(), users_.end(), [&](const User& user) { return user.name == name; })) {
        Throw(ErrorKind::kConflict, "user {} exists already", name);
    }
    for (const std::string& cost_center : cost_centers) {
        if (cost_center.empty()) {
            Throw(ErrorKind::kInvalidInput, "an empty cost center in the scope of user {}", name);
        }
    }
    users_.push_back(User{std::move(name), role, std::move(cost_centers), UtcNowText()});
    return users_.back();
}

void AccessFile::RemoveUser(std::string_view name) {
    const auto user = std::find_if(users_.begin(), users_.end(), [&](const User& u) { return u.name == name; });
    if (user == users_.end()) {
        Throw(ErrorKind::kNotFound, "no user {}", name);
    }
    users_.erase(user);
    for (Token& token : tokens_) {
        if (token.user == name && !token.revoked) {
            token.revoked = UtcNowText();
        }
    }
}

std::string AccessFile::CreateToken(std::string_view user, std::string label) {
    if (std::none_of(users_.begin(), users_.end(), [&](const User& u) { return u.name == user; })) {
        Throw(ErrorKind::kNotFound, "no user {}; add one with `crosswalk user add {} --role viewer`", user, user);
    }
    const std::string id = RandomText(6, true);
    const std::string token = fmt::format("{}{}_{}", kTokenPrefix, id, RandomText(32, false));
    tokens_.push_back(
        Token{id, std::string(user), ingest::Sha256OfText(token), std::move(label), UtcNowText(), std::nullopt});
    return token;
}

int AccessFile::Revoke(std::string_view id_or_user) {
    int revoked = 0;
    bool known = false;
    for (Token& token : tokens_) {
        if (token.id == id_or_user || token.user == id_or_user) {
            known = true;
            if (!token.revoked) {
                token.revoked = UtcNowText();
                ++revoked;
            }
        }
    }
    if (!known && std::none_of(users_.begin(), users_.end(), [&](const User& u) { return u.name == id_or_user; })) {
        Throw(ErrorKind::kNotFound, "no token or user '{}'; `crosswalk token list` shows them", id_or_user);
    }
    return revoked;
}

std::optional<Principal> AccessFile::Authenticate(std::string_view token) const {
    if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
        return std::nullopt;
    }
    const std::string_view rest = token.substr(kTokenPrefix.size());
    const size_t separator = rest.find('_');
    if (separator == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view id = rest.substr(0, separator);
    const auto record = std::find_if(tokens_.begin(), tokens_.end(), [&](const Token& t) { return t.id == id; });
    if (record == tokens_.end() || record->revoked) {
        return std::nullopt;
    }
    const std::string hash = ingest::Sha256OfText(token);
    if (hash.size() != record->sha256.size() || CRYPTO_memcmp(hash.data(), record->sha256.data(), hash.size()) != 0) {
        return std::nullopt;
    }
    const auto user = std::find_if(users_.begin(), users_.end(), [&](const User& u) { return u.name == record->user; });
    if (user == users_.end()) {
        return std::nullopt;
    }
    return Principal{user->name, user->role, user->cost_centers, record->id};
}

} // namespace crosswalk::api
