// The format whitelist and a cheap look at a file's first bytes, so that a web page saved as
// .glb or a texture picked by mistake is refused with a clear reason before any parser runs.

#include <cunjing/models/Import.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <string_view>
#include <system_error>

namespace cunjing::models {

namespace {

constexpr std::size_t kSniffBytes = 4096;

/// Display names, in the order of acceptedExtensions().
struct FormatName {
    const char* extension;
    const char* name;
};
constexpr std::array<FormatName, 10> kFormats{{{"glb", "GLB"},
                                               {"gltf", "glTF"},
                                               {"obj", "OBJ"},
                                               {"fbx", "FBX"},
                                               {"dae", "COLLADA"},
                                               {"3ds", "3DS"},
                                               {"ply", "PLY"},
                                               {"stl", "STL"},
                                               {"ifc", "IFC"},
                                               {"off", "OFF"}}};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string whitelistText() {
    std::string out;
    for (const FormatName& f : kFormats)
        out += (out.empty() ? "" : ", ") + std::string(f.extension);
    return out;
}

/// The text after a UTF-8 byte order mark and leading white space.
std::string_view trimmedStart(std::string_view head) {
    if (head.starts_with("\xEF\xBB\xBF"))
        head.remove_prefix(3);
    while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front())))
        head.remove_prefix(1);
    return head;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           lower(std::string(text.substr(0, prefix.size()))) == lower(std::string(prefix));
}

bool looksLikeHtml(std::string_view head) {
    const std::string_view t = trimmedStart(head);
    return startsWithNoCase(t, "<!doctype html") || startsWithNoCase(t, "<html") ||
           (startsWithNoCase(t, "<!--") &&
            lower(std::string(head)).find("<html") != std::string::npos);
}

bool hasNul(std::string_view head) {
    return head.find('\0') != std::string_view::npos;
}

/// Why `head` is not a file of `extension`, or empty when it may well be one.
std::string contentProblem(const std::string& extension, std::string_view head,
                           std::uintmax_t size) {
    const std::string_view text = trimmedStart(head);
    if (extension == "glb")
        return head.starts_with("glTF") ? "" : "does not start with 'glTF'";
    if (extension == "gltf")
        return text.starts_with("{") ? "" : "is not JSON";
    if (extension == "obj" || extension == "off")
        if (hasNul(head))
            return "is binary, not text";
    if (extension == "off") {
        const std::string_view token = text.substr(0, text.find_first_of(" \t\r\n"));
        return token.size() <= 6 && token.ends_with("OFF") ? "" : "does not start with 'OFF'";
    }
    if (extension == "fbx")
        return head.starts_with("Kaydara FBX Binary") || !hasNul(head) ? ""
                                                                       : "is neither binary nor "
                                                                         "text FBX";
    if (extension == "dae")
        return text.starts_with("<") && !hasNul(head) ? "" : "is not XML";
    if (extension == "3ds")
        return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x4D &&
                       static_cast<unsigned char>(head[1]) == 0x4D
                   ? ""
                   : "does not start with a 3DS main chunk";
    if (extension == "ply")
        return head.starts_with("ply") ? "" : "does not start with 'ply'";
    if (extension == "ifc")
        return startsWithNoCase(text, "ISO-10303-21") ? "" : "does not start with 'ISO-10303-21'";
    if (extension == "stl") {
        if (head.size() >= 84) {
            std::uint32_t triangles = 0;
            for (int i = 0; i < 4; ++i)
                triangles |= static_cast<std::uint32_t>(static_cast<unsigned char>(head[80 + i]))
                             << (8 * i);
            if (84 + 50ull * triangles == size)
                return "";
        }
        return startsWithNoCase(text, "solid") ? "" : "is neither ASCII nor binary STL";
    }
    return "";
}

}  // namespace

const std::vector<std::string>& acceptedExtensions() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v;
        for (const FormatName& f : kFormats)
            v.emplace_back(f.extension);
        return v;
    }();
    return all;
}

Result<std::string> sniffFormat(const std::filesystem::path& file) {
    const std::string path = file.string();
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::exists(status))
        return Error{path, "", "does not exist"};
    if (std::filesystem::is_directory(status))
        return Error{path, "", "is a folder, not a model file"};
    if (!std::filesystem::is_regular_file(status))
        return Error{path, "", "is not a regular file"};
    const std::string extension = lower(file.extension().string());
    const auto known = std::find_if(kFormats.begin(), kFormats.end(), [&](const FormatName& f) {
        return extension == std::string(".") + f.extension;
    });
    if (known == kFormats.end())
        return Error{path, "",
                     "not a model format we read (" +
                         (extension.empty() ? std::string("no extension") : extension) +
                         "; we read " + whitelistText() + ")"};
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec)
        return Error{path, "", "cannot be read (" + ec.message() + ")"};
    if (size == 0)
        return Error{path, "", "is empty"};
    std::ifstream in(file, std::ios::binary);
    std::string head(kSniffBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    if (in.bad() || in.gcount() <= 0)
        return Error{path, "", "cannot be read"};
    head.resize(static_cast<std::size_t>(in.gcount()));
    const std::string name = known->name;
    const bool vowelSound =
        name == "OBJ" || name == "FBX" || name == "IFC" || name == "OFF" || name == "STL";
    const std::string article = vowelSound ? "an " : "a ";
    if (looksLikeHtml(head))
        return Error{path, "", "is an HTML page, not " + article + name + " model"};
    const std::string problem = contentProblem(known->extension, head, size);
    if (!problem.empty())
        return Error{path, "", problem + ", so it is not " + article + name + " model"};
    return std::string(known->extension);
}

}  // namespace cunjing::models
