#pragma once
/// Register files as rows of text cells, read one row at a time so a 100,000-row file is
/// never held twice. CSV has its own reader (title rows, GBK, line caps: GDAL's CSV driver
/// handles none of these); the GIS and spreadsheet formats go through GDAL.

#include <cunjing/geo/Result.h>
#include <cunjing/heritage/RegisterIO.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::heritage::registerio {

struct RawRow {
    long row = 0;  ///< as the user sees it: spreadsheet row, or feature number
    std::vector<std::string> cells;
    std::optional<std::array<double, 2>> lonLat;  ///< point geometry in degrees, if any
};

class TableSource {
public:
    virtual ~TableSource() = default;
    /// The next row into `row` (cells reused); false at the end. Rows that cannot be read
    /// (a line over the cap) are skipped and reported in rowErrors.
    virtual bool next(RawRow& row) = 0;
    /// GIS layers have field names; CSV and spreadsheets have a header row to find.
    virtual const std::vector<std::string>* fieldNames() const { return nullptr; }
    /// About how many rows there are (0: unknown), so records are allocated once.
    virtual std::size_t rowEstimate() const { return 0; }

    std::vector<Error> rowErrors;
    std::string encoding;         ///< "UTF-8" / "GBK" where the file is text we decoded
    std::string rowWord = "row";  ///< how messages name a row
};

/// UTF-8 (BOM or not) as is; anything else that is valid GBK (GB 18030) is converted.
/// Returns the encoding found, or an error message when it is neither.
Result<std::string> toUtf8(std::string& text);

Result<std::unique_ptr<TableSource>> openCsvTable(const std::string& path,
                                                  const RegisterReadOptions& options);
Result<std::unique_ptr<TableSource>> openGdalTable(const std::string& path, RegisterFormat format,
                                                   const RegisterReadOptions& options);

}  // namespace cunjing::heritage::registerio
