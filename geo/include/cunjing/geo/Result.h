#pragma once
/// Result<T>: a value, or the errors that stopped it, plus warnings either way.
/// Loaders return this and never throw across module boundaries (style.md rule 4).

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cunjing {

/// A problem a user can fix: which file, where in it, and what is wrong.
struct Error {
    std::string file;     ///< path as the user gave it; empty when no file is involved
    std::string where;    ///< JSON path, "line 3, column 7", "row 12, field 'age'", ...
    std::string message;  ///< what is wrong and, where we know, what to do

    /// "file: where: message", leaving out empty parts.
    std::string toString() const;
};

template <typename T>
class Result {
public:
    Result(T value) : value_(std::move(value)) {}                 // NOLINT: implicit on purpose
    Result(Error error) { errors_.push_back(std::move(error)); }  // NOLINT

    static Result failure(std::vector<Error> errors) {
        Result r(Error{});
        r.errors_ = std::move(errors);
        return r;
    }

    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }

    T& value() & { return *value_; }
    const T& value() const& { return *value_; }
    T&& value() && { return std::move(*value_); }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }

    const std::vector<Error>& errors() const { return errors_; }
    const std::vector<Error>& warnings() const { return warnings_; }
    void addWarning(Error w) { warnings_.push_back(std::move(w)); }
    void addWarnings(const std::vector<Error>& ws) {
        warnings_.insert(warnings_.end(), ws.begin(), ws.end());
    }

    /// The first error as one line (empty when ok).
    std::string firstError() const {
        return errors_.empty() ? std::string() : errors_[0].toString();
    }

private:
    std::optional<T> value_;
    std::vector<Error> errors_;
    std::vector<Error> warnings_;
};

/// For operations that produce nothing but can fail.
struct Done {};
using Status = Result<Done>;

}  // namespace cunjing
