// Users and tokens: a token is shown once and kept as a hash; revoked, unknown and malformed tokens fail.
#include <gtest/gtest.h>

#include "crosswalk/api/access.hpp"
#include "crosswalk/common/error.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk::api {
namespace {

TEST(AccessFileTest, ATokenAuthenticatesItsUserUntilRevokedAndOnlyItsHashIsKept) {
    testing::TempDir directory;
    AccessFile access = AccessFile::Load(directory.Path());
    EXPECT_FALSE(access.AuthenticationOn());
    (void)access.AddUser("ana@example.com", Role::kViewer, {"CC-2200"});
    (void)access.AddUser("root", Role::kAdmin, {});
    EXPECT_TRUE(access.AuthenticationOn());
    const std::string token = access.CreateToken("ana@example.com", "laptop");
    EXPECT_EQ(token.substr(0, 3), "cw_");
    EXPECT_GE(token.size(), 50U);
    access.Save();

    const AccessFile loaded = AccessFile::Load(directory.Path());
    const std::optional<Principal> principal = loaded.Authenticate(token);
    ASSERT_TRUE(principal);
    EXPECT_EQ(principal->user, "ana@example.com");
    EXPECT_EQ(principal->role, Role::kViewer);
    EXPECT_TRUE(principal->MaySeeCostCenter("CC-2200"));
    EXPECT_FALSE(principal->MaySeeCostCenter("CC-1000"));
    EXPECT_EQ(testing::ReadFile(AccessFilePath(directory.Path())).find(token.substr(16)), std::string::npos);

    std::string tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    EXPECT_FALSE(loaded.Authenticate(tampered));
    EXPECT_FALSE(loaded.Authenticate(""));
    EXPECT_FALSE(loaded.Authenticate("cw_"));
    EXPECT_FALSE(loaded.Authenticate("Bearer " + token));

    AccessFile revoking = loaded;
    EXPECT_EQ(revoking.Revoke(principal->token_id), 1);
    EXPECT_EQ(revoking.Revoke(principal->token_id), 0); // already
    EXPECT_FALSE(revoking.Authenticate(token));
    EXPECT_THROW(revoking.Revoke("nobody"), Error);
}

TEST(AccessFileTest, NamesRolesAndDamagedFilesAreRefusedClearly) {
    testing::TempDir directory;
    AccessFile access = AccessFile::Load(directory.Path());
    (void)access.AddUser("ana", Role::kEditor, {});
    EXPECT_THROW((void)access.AddUser("ana", Role::kViewer, {}), Error);
    EXPECT_THROW((void)access.AddUser("bad name", Role::kViewer, {}), Error);
    EXPECT_THROW((void)access.CreateToken("nobody", ""), Error);
    EXPECT_THROW((void)ParseRole("owner"), Error);
    EXPECT_TRUE((Principal{"a", Role::kAdmin, {}, ""}.HasRole(Role::kEditor)));
    EXPECT_FALSE((Principal{"a", Role::kViewer, {}, ""}.HasRole(Role::kEditor)));
    access.RemoveUser("ana");
    EXPECT_FALSE(access.AuthenticationOn());
    testing::WriteFile(AccessFilePath(directory.Path()), "{not json");
    try {
        (void)AccessFile::Load(directory.Path());
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_NE(error.Message().find("access.json is damaged"), std::string::npos) << error.Message();
    }
}

} // namespace
} // namespace crosswalk::api
