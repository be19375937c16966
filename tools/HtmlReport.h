#pragma once
// What the HTML reports (`cunjing plan report`, the register reports) share.

#include <string>

namespace cunjing::tools {

/// `s` with & < > " escaped, for HTML text and double- or single-quoted attribute values.
std::string escapeHtml(const std::string& s);

}  // namespace cunjing::tools
