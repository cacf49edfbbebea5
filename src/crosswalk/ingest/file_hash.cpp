#include "crosswalk/ingest/file_hash.hpp"

#include <array>
#include <fstream>
#include <memory>
#include <openssl/evp.h>
#include <vector>

#include "crosswalk/common/error.hpp"

namespace crosswalk::ingest {
namespace {

struct DigestDeleter {
    void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
};

// Incremental SHA-256 over OpenSSL's EVP interface.
class Sha256 {
public:
    Sha256() : context_(EVP_MD_CTX_new()) {
        if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1) {
            Throw(ErrorKind::kInternal, "OpenSSL could not start a SHA-256 digest");
        }
    }

    void Update(const char* data, size_t size) {
        if (EVP_DigestUpdate(context_.get(), data, size) != 1) {
            Throw(ErrorKind::kInternal, "OpenSSL SHA-256 update failed");
        }
    }

    std::string HexDigest() {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int length = 0;
        if (EVP_DigestFinal_ex(context_.get(), digest.data(), &length) != 1) {
            Throw(ErrorKind::kInternal, "OpenSSL SHA-256 final failed");
        }
        static constexpr char kHex[] = "0123456789abcdef";
        std::string hex;
        hex.reserve(length * 2);
        for (unsigned int i = 0; i < length; ++i) {
            hex.push_back(kHex[digest[i] >> 4]);
            hex.push_back(kHex[digest[i] & 0xF]);
        }
        return hex;
    }

private:
    std::unique_ptr<EVP_MD_CTX, DigestDeleter> context_;
};

} // namespace

std::string Sha256OfFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Throw(ErrorKind::kIo, "{}: cannot be read", path.string());
    }
    Sha256 digest;
    std::vector<char> block(size_t{1} << 20);
    while (in) {
        in.read(block.data(), block.size());
        digest.Update(block.data(), static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) {
        Throw(ErrorKind::kIo, "{}: read error", path.string());
    }
    return digest.HexDigest();
}

std::string Sha256OfText(std::string_view text) {
    Sha256 digest;
    digest.Update(text.data(), text.size());
    return digest.HexDigest();
}

} // namespace crosswalk::ingest
