#pragma once
// `cunjing trees|villages report`: a register as one stand-alone HTML page with bar charts
// (by grade, species, vigour and town; by batch, city and county) and a map of the records.

#include <cunjing/heritage/Records.h>
#include <cunjing/heritage/Rules.h>

#include <string>
#include <vector>

namespace cunjing::tools {

/// target names the store in the page's first line.
std::string registerReportHtml(const std::vector<heritage::TreeRecord>& records,
                               const heritage::Rules& rules, const std::string& target);
std::string registerReportHtml(const std::vector<heritage::VillageRecord>& records,
                               const heritage::Rules& rules, const std::string& target);

}  // namespace cunjing::tools
