#include <cunjing/scene/Shaders.h>

#include <osg/Shader>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

namespace cunjing::scene {

namespace detail {
extern const std::pair<std::string_view, std::string_view> kEmbeddedShaders[];
extern const int kEmbeddedShaderCount;
}  // namespace detail

std::string shaderSource(const std::string& name) {
    if (const char* dir = std::getenv("CUNJING_SHADER_DIR"); dir && *dir) {
        std::ifstream in(std::filesystem::path(dir) / name);
        if (in) {
            std::ostringstream text;
            text << in.rdbuf();
            return text.str();
        }
    }
    for (int i = 0; i < detail::kEmbeddedShaderCount; ++i) {
        if (detail::kEmbeddedShaders[i].first == name) {
            return std::string(detail::kEmbeddedShaders[i].second);
        }
    }
    return {};
}

osg::ref_ptr<osg::Program> shaderProgram(const std::string& base) {
    osg::ref_ptr<osg::Program> program = new osg::Program;
    program->setName(base);
    program->addShader(new osg::Shader(osg::Shader::VERTEX, shaderSource(base + ".vert")));
    program->addShader(new osg::Shader(osg::Shader::FRAGMENT, shaderSource(base + ".frag")));
    // The shared pieces (shadow coordinates, colour spaces, tone mapping, the shadow lookup,
    // water and sky colours) are linked in as separate shader objects: GLSL 1.20 has no
    // #include, and one copy keeps every program in the same light.
    program->addShader(new osg::Shader(osg::Shader::VERTEX, shaderSource("common.vert")));
    program->addShader(new osg::Shader(osg::Shader::FRAGMENT, shaderSource("common.frag")));
    // Functions both stages call (colour spaces; a program's own <base>.glsl, as the terrain's
    // land cover) are compiled once for each stage.
    for (const std::string& both : {std::string("colour.glsl"), base + ".glsl"}) {
        const std::string source = shaderSource(both);
        if (source.empty())
            continue;
        program->addShader(new osg::Shader(osg::Shader::VERTEX, source));
        program->addShader(new osg::Shader(osg::Shader::FRAGMENT, source));
    }
    program->addBindAttribLocation("surface", kSurfaceAttribute);
    program->addBindAttribLocation("instancePlace", kInstancePlaceAttribute);
    program->addBindAttribLocation("instanceSize", kInstanceSizeAttribute);
    return program;
}

}  // namespace cunjing::scene
