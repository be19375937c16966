#pragma once
/// The kiosk's admin passcode, kept only as a yescrypt hash ("$y$...", libxcrypt) so the
/// settings file never holds the digits themselves. Passcodes are 4 to 12 digits, typed on
/// the touchscreen's number pad.

#include <cunjing/geo/Result.h>

#include <string>
#include <string_view>

namespace cunjing::viewer {

/// Ok, or an error saying why `digits` cannot be a passcode (length, non-digits).
Status validatePasscode(std::string_view digits);

/// A fresh yescrypt hash of the passcode with a random salt: hashing the same digits twice
/// gives two different strings, both of which check.
Result<std::string> hashPasscode(std::string_view digits);

/// Ok only when `digits` is the passcode `stored` was made from. A wrong passcode, an invalid
/// one and a stored hash that is not yescrypt are each an error with its own message.
Status checkPasscode(std::string_view digits, std::string_view stored);

}  // namespace cunjing::viewer
