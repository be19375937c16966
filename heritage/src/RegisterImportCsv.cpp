#include "RegisterImportTable.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>

namespace cunjing::heritage::registerio {

namespace {

namespace fs = std::filesystem;

bool isUtf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4;
        else
            return false;
        if (i + len > n)
            return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        }
        i += len;
    }
    return true;
}

/// GB 18030 is a superset of GBK and GB 2312, so one decoder reads all three.
bool gbkToUtf8(const std::string& in, std::string& out) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    out.assign(in.size() * 3 / 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());  // iconv's signature wants char**
    std::size_t srcLeft = in.size();
    char* dst = out.data();
    std::size_t dstLeft = out.size();
    bool ok = true;
    while (srcLeft > 0) {
        if (iconv(cd, &src, &srcLeft, &dst, &dstLeft) != static_cast<std::size_t>(-1))
            continue;
        if (errno != E2BIG) {
            ok = false;
            break;
        }
        const std::size_t used = static_cast<std::size_t>(dst - out.data());
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dstLeft = out.size() - used;
    }
    iconv_close(cd);
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return ok;
}

char guessDelimiter(std::string_view text) {
    const std::string_view firstLines = text.substr(0, std::min<std::size_t>(text.size(), 4096));
    std::size_t counts[3] = {0, 0, 0};
    const char candidates[3] = {',', ';', '\t'};
    for (char c : firstLines) {
        for (int k = 0; k < 3; ++k)
            counts[k] += c == candidates[k];
    }
    int best = 0;
    for (int k = 1; k < 3; ++k) {
        if (counts[k] > counts[best])
            best = k;
    }
    return candidates[best];
}

class CsvTable final : public TableSource {
public:
    CsvTable(std::string path, std::string text, std::size_t maxLine)
        : path_(std::move(path)), text_(std::move(text)), maxLine_(maxLine) {
        delimiter_ = guessDelimiter(text_);
    }

    std::size_t rowEstimate() const override {
        return static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n'));
    }

    bool next(RawRow& out) override {
        while (pos_ < text_.size()) {
            ++row_;
            if (readRecord(out.cells)) {
                out.row = row_;
                out.lonLat.reset();
                return true;
            }
        }
        return false;
    }

private:
    /// One record into cells; false for a blank or skipped line.
    bool readRecord(std::vector<std::string>& cells) {
        const std::size_t start = pos_, n = text_.size();
        std::size_t used = 0;
        std::string* cell = nextCell(cells, used);
        bool quoted = false;
        while (pos_ < n) {
            if (pos_ - start > maxLine_)
                return skipLongLine(start);
            const char c = text_[pos_++];
            if (quoted) {
                if (c != '"')
                    *cell += c;
                else if (pos_ < n && text_[pos_] == '"')
                    *cell += text_[pos_++];
                else
                    quoted = false;
            } else if (c == '"' && cell->empty()) {
                quoted = true;
            } else if (c == delimiter_) {
                cell = nextCell(cells, used);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && pos_ < n && text_[pos_] == '\n')
                    ++pos_;
                break;
            } else {
                *cell += c;
            }
        }
        if (quoted)
            rowErrors.push_back({path_, "row " + std::to_string(row_),
                                 "a quoted cell is never closed; add the missing '\"'"});
        cells.resize(used);
        return quoted ? false : !(used == 1 && cells[0].empty());
    }

    std::string* nextCell(std::vector<std::string>& cells, std::size_t& used) {
        if (used == cells.size())
            cells.emplace_back();
        std::string* cell = &cells[used++];
        cell->clear();
        return cell;
    }

    bool skipLongLine(std::size_t start) {
        const std::size_t end = text_.find('\n', pos_);
        pos_ = end == std::string::npos ? text_.size() : end + 1;
        rowErrors.push_back({path_, "row " + std::to_string(row_),
                             "the line is " + std::to_string(pos_ - start) +
                                 " bytes, over the limit of " + std::to_string(maxLine_) +
                                 "; is this really a register CSV? Split or fix the line"});
        return false;
    }

    std::string path_, text_;
    std::size_t maxLine_;
    std::size_t pos_ = 0;
    long row_ = 0;
    char delimiter_ = ',';
};

}  // namespace

Result<std::string> toUtf8(std::string& text) {
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        text.erase(0, 3);
        if (!isUtf8(text))
            return Error{"", "", "starts with a UTF-8 mark but is not UTF-8; save it again"};
        return std::string("UTF-8");
    }
    if (text.size() >= 2 &&
        (text.compare(0, 2, "\xFF\xFE") == 0 || text.compare(0, 2, "\xFE\xFF") == 0))
        return Error{"", "", "is UTF-16 text; save it as CSV UTF-8 (or GBK)"};
    if (isUtf8(text))
        return std::string("UTF-8");
    std::string converted;
    if (!gbkToUtf8(text, converted))
        return Error{"", "", "is neither UTF-8 nor GBK text; save it as CSV UTF-8"};
    text = std::move(converted);
    return std::string("GBK");
}

Result<std::unique_ptr<TableSource>> openCsvTable(const std::string& path,
                                                  const RegisterReadOptions& options) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error{path, "", "file not found"};
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec)
        return Error{path, "", "cannot read: " + ec.message()};
    if (size > options.maxFileBytes)
        return Error{path, "",
                     "is " + std::to_string(size) + " bytes, over the limit of " +
                         std::to_string(options.maxFileBytes) + "; split the register"};
    std::string text(size, '\0');
    std::ifstream in(path, std::ios::binary);
    if (!in.read(text.data(), static_cast<std::streamsize>(size)))
        return Error{path, "", "cannot read the file"};
    auto encoding = toUtf8(text);
    if (!encoding)
        return Error{path, "", encoding.errors()[0].message};
    if (text.find_first_not_of(" \t\r\n,;") == std::string::npos)
        return Error{path, "", "the file is empty; a register needs a header row and data rows"};
    auto table = std::make_unique<CsvTable>(path, std::move(text), options.maxLineBytes);
    table->encoding = encoding.value();
    return std::unique_ptr<TableSource>(std::move(table));
}

}  // namespace cunjing::heritage::registerio
