// Who may read the server: users with a role and an optional cost-center scope, and their API tokens, kept in
// the workspace's .crosswalk/access.json (written whole, mode 0600). A token is shown once, when it is created;
// the file keeps only its SHA-256 (a token is 256 random bits, so a fast hash is as strong as a slow one: there is
// no password to guess) and its public id, which names it in `token revoke` and in the server's log.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crosswalk::api {

enum class Role { kViewer, kEditor, kAdmin }; // each can do what the one before can, and more

// "viewer", "editor", "admin". ParseRole throws kInvalidInput naming the roles for anything else.
[[nodiscard]] std::string_view RoleName(Role role) noexcept;
[[nodiscard]] Role ParseRole(std::string_view text);

struct User {
    std::string name;
    Role role = Role::kViewer;
    std::vector<std::string> cost_centers; // empty: every cost center; else only rows of these
    std::string created;                   // UTC, ISO 8601
};

struct Token {
    std::string id;     // public: "cw_<id>_<secret>" starts with it
    std::string user;   //
    std::string sha256; // of the whole token, hex
    std::string label;  // what the user said it is for
    std::string created;
    std::optional<std::string> revoked; // when
};

// Who a request is from, once its token checked out.
struct Principal {
    std::string user;
    Role role = Role::kViewer;
    std::vector<std::string> cost_centers; // empty: all
    std::string token_id;                  // for the log (never the token)

    [[nodiscard]] bool Scoped() const noexcept { return !cost_centers.empty(); }

    [[nodiscard]] bool MaySeeCostCenter(std::string_view cost_center) const;

    [[nodiscard]] bool HasRole(Role at_least) const noexcept { return role >= at_least; }
};

// Now, UTC, ISO 8601 to the second ("2026-12-07T11:09:12Z"): when a user, token or snapshot was made.
[[nodiscard]] std::string UtcNowText();

// root/.crosswalk/access.json
[[nodiscard]] std::filesystem::path AccessFilePath(const std::filesystem::path& workspace_root);

class AccessFile {
public:
    // The file of the workspace at `root`, empty if there is none yet. Throws kInvalidInput for a damaged file,
    // naming it.
    static AccessFile Load(const std::filesystem::path& root);

    // Writes the file whole (a temporary renamed over it), mode 0600. Throws kIo.
    void Save() const;

    // Throws kConflict when a user of that name exists, kInvalidInput for an empty or odd name.
    const User& AddUser(std::string name, Role role, std::vector<std::string> cost_centers);
    // Removes the user and revokes their tokens. Throws kNotFound.
    void RemoveUser(std::string_view name);

    // A new token for `user` (kNotFound if none): the token itself, to show once.
    [[nodiscard]] std::string CreateToken(std::string_view user, std::string label);
    // Revokes the token with that id, or every live token of the user of that name. Returns how many it
    // revoked; throws kNotFound when the name is neither.
    int Revoke(std::string_view id_or_user);

    // The user of a live token, nullopt for anything else (unknown, revoked, malformed). Constant time in the
    // secret.
    [[nodiscard]] std::optional<Principal> Authenticate(std::string_view token) const;

    // Authentication is on as soon as a user exists.
    [[nodiscard]] bool AuthenticationOn() const noexcept { return !users_.empty(); }

    [[nodiscard]] const std::vector<User>& Users() const noexcept { return users_; }

    [[nodiscard]] const std::vector<Token>& Tokens() const noexcept { return tokens_; }

private:
    std::filesystem::path path_;
    std::vector<User> users_;
    std::vector<Token> tokens_;
};

} // namespace crosswalk::api
