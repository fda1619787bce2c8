#pragma once
// Typed outcomes of services: a value, or errors tied to the fields they concern.
// Modelled on LevelDB's Status: callers must look at the outcome before the value.
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace schakel {

// One problem with one input field. `field` is the form/JSON field name, or ""
// for a problem with the request as a whole. `message` is plain Dutch for users.
struct FieldError {
  std::string field;
  std::string message;
};

using FieldErrors = std::vector<FieldError>;

// Why an operation did not succeed, for mapping to HTTP statuses.
enum class Failure {
  invalid,    // the input was wrong: 400/422 with field errors
  not_found,  // no such object (or not visible to this user): 404
  forbidden,  // the user may not do this: 403
  conflict,   // the state does not allow it (duplicate, already done): 409
  busy,       // try again later (rate limit, lock): 429/503
};

// The error half of a Result.
struct Error {
  Failure failure = Failure::invalid;
  FieldErrors fields;

  static Error invalid(std::string field, std::string message) {
    return Error{Failure::invalid, {{std::move(field), std::move(message)}}};
  }
  static Error of(Failure f, std::string message = {}) {
    return Error{f, {{"", std::move(message)}}};
  }
  // The message for `field`, or "" when the field has none.
  std::string message_for(const std::string& field) const {
    for (const auto& e : fields)
      if (e.field == field) return e.message;
    return {};
  }
};

// A value of type T, or an Error. Requires: value() only when ok().
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT
  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  const T& value() const& {
    if (!ok()) throw std::logic_error("Result::value() on an error");
    return std::get<T>(state_);
  }
  T&& value() && {
    if (!ok()) throw std::logic_error("Result::value() on an error");
    return std::get<T>(std::move(state_));
  }
  const Error& error() const {
    if (ok()) throw std::logic_error("Result::error() on a value");
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// The outcome of an operation with no value.
struct Done {};
using Status = Result<Done>;
inline Status ok_status() { return Status(Done{}); }

}  // namespace schakel
