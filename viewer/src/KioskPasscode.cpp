#include <cunjing/viewer/KioskPasscode.h>

#include <crypt.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace cunjing::viewer {

namespace {

constexpr std::size_t kMinDigits = 4;
constexpr std::size_t kMaxDigits = 12;
constexpr std::string_view kYescryptPrefix = "$y$";

/// crypt_data is tens of kilobytes and holds the passcode while hashing: kept off the stack,
/// zeroed before use (as crypt_r requires) and wiped after.
struct CryptScratch {
    std::unique_ptr<crypt_data> data = std::make_unique<crypt_data>();
    ~CryptScratch() { explicit_bzero(data.get(), sizeof(crypt_data)); }
};

/// The characters crypt(5) settings and hashes are made of.
bool isCryptText(std::string_view s) {
    for (char c : s) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                        (c >= 'A' && c <= 'Z') || c == '.' || c == '/' || c == '$';
        if (!ok) {
            return false;
        }
    }
    return true;
}

/// Compares every byte whatever the first difference, so the time taken does not tell an
/// attacker how much of a guess's hash was right.
bool equalConstantTime(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    volatile unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diff = diff | static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

/// Puts crypt_r's output in `out`; false when it failed (NULL or a "*0"/"*1" failure token).
bool runCrypt(const std::string& phrase, const std::string& setting, CryptScratch& scratch,
              std::string& out) {
    const char* hashed = crypt_r(phrase.c_str(), setting.c_str(), scratch.data.get());
    if (hashed == nullptr || hashed[0] == '*') {
        return false;
    }
    out = hashed;
    return true;
}

}  // namespace

Status validatePasscode(std::string_view digits) {
    if (digits.size() < kMinDigits || digits.size() > kMaxDigits) {
        return Error{
            {},
            "passcode",
            "must be 4 to 12 digits, got " + std::to_string(digits.size()) + " characters"};
    }
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return Error{{}, "passcode", "must contain only the digits 0-9"};
        }
    }
    return Done{};
}

Result<std::string> hashPasscode(std::string_view digits) {
    if (Status valid = validatePasscode(digits); !valid) {
        return Result<std::string>::failure(valid.errors());
    }
    // Count 0 takes libxcrypt's default cost; no random bytes given makes it read the OS's.
    char setting[CRYPT_GENSALT_OUTPUT_SIZE] = {};
    if (crypt_gensalt_rn(kYescryptPrefix.data(), 0, nullptr, 0, setting, sizeof setting) ==
        nullptr) {
        return Error{
            {}, "passcode", "could not make a yescrypt salt: " + std::string(std::strerror(errno))};
    }
    CryptScratch scratch;
    std::string hashed;
    if (!runCrypt(std::string(digits), setting, scratch, hashed)) {
        return Error{
            {}, "passcode", "yescrypt hashing failed: " + std::string(std::strerror(errno))};
    }
    return hashed;
}

Status checkPasscode(std::string_view digits, std::string_view stored) {
    if (Status valid = validatePasscode(digits); !valid) {
        return valid;
    }
    if (!stored.starts_with(kYescryptPrefix) || stored.size() >= CRYPT_OUTPUT_SIZE ||
        !isCryptText(stored)) {
        return Error{{},
                     "passcode hash",
                     "the stored passcode is not a yescrypt hash ($y$...); set the passcode again"};
    }
    CryptScratch scratch;
    std::string hashed;
    if (!runCrypt(std::string(digits), std::string(stored), scratch, hashed)) {
        return Error{
            {}, "passcode hash", "the stored passcode hash is damaged; set the passcode again"};
    }
    // The hash's length depends only on its setting, never on the digits: a stored hash of
    // another length was cut short or padded, not made from a different passcode.
    if (hashed.size() != stored.size()) {
        return Error{
            {}, "passcode hash", "the stored passcode hash is damaged; set the passcode again"};
    }
    if (!equalConstantTime(hashed, stored)) {
        return Error{{}, "passcode", "wrong passcode"};
    }
    return Done{};
}

}  // namespace cunjing::viewer
