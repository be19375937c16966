// metadata.xml of an OSGB tile set. The format is one root with a few text elements, so it is
// read by a small well-formedness-checking parser of its own: osgDB's XmlNode (already linked)
// accepts broken XML silently and keeps no line numbers, and GDAL's CPLXML stays behind geo.
// What is checked: tags nest and close, entities are known, one root <ModelMetadata>.

#include <cunjing/scene/ObliqueLayer.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

namespace cunjing::scene {

namespace {

struct ElementText {
    std::string text;
    int line = 0;
};

class MetadataParser {
public:
    MetadataParser(std::string_view text, std::string file) : s_(text), file_(std::move(file)) {}

    /// The text of each child of the root, by element name; nullopt after an error.
    std::optional<std::map<std::string, ElementText>> parse();
    const Error& error() const { return error_; }

private:
    std::optional<std::map<std::string, ElementText>> fail(const std::string& message) {
        error_ = Error{file_, "line " + std::to_string(line_), message};
        return std::nullopt;
    }
    bool startsWith(std::string_view prefix) const {
        return s_.substr(pos_, prefix.size()) == prefix;
    }
    void advance(std::size_t n) {
        for (std::size_t i = 0; i < n && pos_ < s_.size(); ++i)
            line_ += s_[pos_++] == '\n';
    }
    /// Skips past `end`; false when the input ends first.
    bool skipPast(std::string_view end) {
        const std::size_t at = s_.find(end, pos_);
        if (at == std::string_view::npos)
            return false;
        advance(at + end.size() - pos_);
        return true;
    }
    bool decodeEntity(std::string& out);
    bool readTag(std::string& name, bool& closing, bool& selfClosing);

    std::string_view s_;
    std::string file_;
    std::size_t pos_ = 0;
    int line_ = 1;
    Error error_;
};

bool MetadataParser::decodeEntity(std::string& out) {
    const std::size_t end = s_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12)
        return false;
    const std::string_view name = s_.substr(pos_ + 1, end - pos_ - 1);
    static const std::map<std::string_view, char> named{
        {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    if (auto it = named.find(name); it != named.end()) {
        out += it->second;
    } else if (name.size() > 1 && name[0] == '#') {
        const bool hex = name[1] == 'x' || name[1] == 'X';
        const std::string_view digits = name.substr(hex ? 2 : 1);
        unsigned code = 0;
        auto [ptr, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
        // WKT and EPSG codes are ASCII; anything wider is not what an SRS holds.
        if (ec != std::errc() || ptr != digits.data() + digits.size() || code == 0 || code > 127)
            return false;
        out += char(code);
    } else {
        return false;
    }
    advance(end + 1 - pos_);
    return true;
}

/// At '<': reads "<name attr='..'>", "</name>" or "<name/>"; attributes are skipped.
bool MetadataParser::readTag(std::string& name, bool& closing, bool& selfClosing) {
    advance(1);
    closing = pos_ < s_.size() && s_[pos_] == '/';
    if (closing)
        advance(1);
    const std::size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_' ||
            s_[pos_] == '-' || s_[pos_] == ':' || s_[pos_] == '.'))
        advance(1);
    name = std::string(s_.substr(start, pos_ - start));
    if (name.empty())
        return false;
    char quote = 0;
    while (pos_ < s_.size()) {
        const char c = s_[pos_];
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '<') {
            return false;
        } else if (c == '>') {
            selfClosing = !closing && pos_ > 0 && s_[pos_ - 1] == '/';
            advance(1);
            return true;
        }
        advance(1);
    }
    return false;
}

std::optional<std::map<std::string, ElementText>> MetadataParser::parse() {
    if (startsWith("\xEF\xBB\xBF"))
        advance(3);
    std::map<std::string, ElementText> children;
    std::vector<std::pair<std::string, int>> open;  // element name, line it opened on
    std::string text;
    bool sawRoot = false;
    while (pos_ < s_.size()) {
        if (startsWith("<?")) {
            if (!skipPast("?>"))
                return fail("unterminated <? ... ?>");
        } else if (startsWith("<!--")) {
            if (!skipPast("-->"))
                return fail("unterminated comment <!-- ...");
        } else if (startsWith("<![CDATA[")) {
            advance(9);
            const std::size_t end = s_.find("]]>", pos_);
            if (end == std::string_view::npos)
                return fail("unterminated <![CDATA[ ...");
            text += s_.substr(pos_, end - pos_);
            advance(end + 3 - pos_);
        } else if (startsWith("<!")) {
            if (!skipPast(">"))
                return fail("unterminated <! ... >");
        } else if (s_[pos_] == '<') {
            std::string name;
            bool closing = false, selfClosing = false;
            const int tagLine = line_;
            if (!readTag(name, closing, selfClosing))
                return fail("malformed tag (expected <name ...>, </name> or <name/>)");
            if (closing) {
                if (open.empty())
                    return fail("</" + name + "> closes nothing");
                if (open.back().first != name) {
                    return fail("</" + name + "> found where </" + open.back().first +
                                "> (opened on line " + std::to_string(open.back().second) +
                                ") was expected");
                }
                if (open.size() == 2)
                    children[name] = {text, open.back().second};
                open.pop_back();
                text.clear();
            } else {
                if (open.empty() && sawRoot)
                    return fail("a second root element <" + name + ">");
                if (open.empty() && name != "ModelMetadata") {
                    return fail("the root element is <" + name +
                                ">; an OSGB tile set's metadata.xml has <ModelMetadata>");
                }
                sawRoot = true;
                text.clear();
                if (selfClosing) {
                    if (open.size() == 1)
                        children[name] = {"", tagLine};
                } else {
                    open.emplace_back(name, tagLine);
                }
            }
        } else if (s_[pos_] == '&') {
            if (!decodeEntity(text))
                return fail("unknown or malformed entity (use &lt; &gt; &amp; &quot; &apos;)");
        } else {
            if (open.empty() && !std::isspace(static_cast<unsigned char>(s_[pos_])))
                return fail("text outside the root element");
            text += s_[pos_];
            advance(1);
        }
    }
    if (!open.empty()) {
        return fail("the file ends inside <" + open.back().first + "> (opened on line " +
                    std::to_string(open.back().second) + ")");
    }
    if (!sawRoot)
        return fail("no XML element (expected <ModelMetadata>)");
    return children;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

/// "x,y,z" (or "x,y": z 0); spaces around the numbers are allowed.
std::optional<std::array<double, 3>> parseOrigin(const std::string& text) {
    std::array<double, 3> out{0, 0, 0};
    std::size_t count = 0, start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string part = trimmed(text.substr(start, comma - start));
        if (count == 3 || part.empty())
            return std::nullopt;
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out[count]);
        if (ec != std::errc() || ptr != part.data() + part.size() || !std::isfinite(out[count]))
            return std::nullopt;
        ++count;
        start = comma + 1;
    }
    if (count < 2)
        return std::nullopt;
    return out;
}

}  // namespace

Result<ObliqueMetadata> parseObliqueMetadata(const std::string& text,
                                             const std::filesystem::path& file) {
    MetadataParser parser(text, file.string());
    const auto children = parser.parse();
    if (!children)
        return Error{parser.error().file, parser.error().where,
                     "not well-formed XML: " + parser.error().message};
    ObliqueMetadata out;
    out.file = file;
    const auto srs = children->find("SRS");
    if (srs == children->end()) {
        return Error{file.string(), "<ModelMetadata>",
                     "no <SRS> element: the tile set's coordinate system is unknown (expected "
                     "e.g. <SRS>EPSG:4547</SRS> or <SRS>ENU:23.1,113.2</SRS>)"};
    }
    out.srs = trimmed(srs->second.text);
    if (out.srs.empty()) {
        return Error{file.string(), "line " + std::to_string(srs->second.line) + ", <SRS>",
                     "<SRS> is empty"};
    }
    if (const auto origin = children->find("SRSOrigin"); origin != children->end()) {
        const auto xyz = parseOrigin(origin->second.text);
        if (!xyz) {
            return Error{file.string(),
                         "line " + std::to_string(origin->second.line) + ", <SRSOrigin>",
                         "'" + trimmed(origin->second.text) +
                             "' is not an origin x,y,z (three numbers separated by commas)"};
        }
        out.srsOrigin = *xyz;
    }
    return out;
}

Result<ObliqueMetadata> readObliqueMetadata(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        return Error{file.string(), "",
                     "file not found: an OSGB tile set needs metadata.xml (with <SRS> and "
                     "<SRSOrigin>) beside its Data folder"};
    }
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error{file.string(), "", "cannot be opened for reading"};
    std::ostringstream text;
    text << in.rdbuf();
    return parseObliqueMetadata(text.str(), file);
}

}  // namespace cunjing::scene
