#include "ImGuiLayer.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <SDL.h>

#include <cstdlib>
#include <iostream>

namespace cunjing::viewer {

namespace {
const std::filesystem::path kNotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
// Face order in NotoSansCJK-Regular.ttc: JP, KR, SC, TC, HK. SC has the simplified forms.
constexpr int kNotoSimplifiedChineseFace = 2;
static_assert(sizeof(ImWchar) == sizeof(unsigned short), "ImGui built with 16-bit ImWchar");
}  // namespace

std::filesystem::path uiFontPath() {
    const char* env = std::getenv("CUNJING_UI_FONT");
    return env && *env ? std::filesystem::path(env) : kNotoCjk;
}

ImGuiLayer::ImGuiLayer(SDL_Window* window, void* glContext, const GlyphRanges& glyphs,
                       float pixelSize)
    : glyphs_(glyphs), pixelSize_(pixelSize) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk should start the same every time, and leave no files
    // No keyboard navigation: it makes ImGui claim the keyboard whenever a panel has focus,
    // which would swallow the viewer's shortcuts after any click on a panel.
    loadFont(glyphs, pixelSize);
    applyStyle(pixelSize / 20.0f);
    ImGui_ImplSDL2_InitForOpenGL(window, glContext);
    ImGui_ImplOpenGL3_Init("#version 130");
}

ImGuiLayer::~ImGuiLayer() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
}

void ImGuiLayer::loadFont(const GlyphRanges& glyphs, float pixelSize) {
    ImGuiIO& io = ImGui::GetIO();
    ranges_.clear();
    for (const auto& [first, last] : glyphs) {
        ranges_.push_back(static_cast<ImWchar>(first));
        ranges_.push_back(static_cast<ImWchar>(last));
    }
    ranges_.push_back(0);
    const std::filesystem::path path = uiFontPath();
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
        ImFontConfig config;
        config.FontNo = path == kNotoCjk ? kNotoSimplifiedChineseFace : 0;
        config.OversampleH = 2;  // CJK strokes are dense; 3x oversampling only grows the atlas
        config.OversampleV = 1;
        cjkFont_ = io.Fonts->AddFontFromFileTTF(path.c_str(), pixelSize, &config, ranges_.data()) !=
                   nullptr;
    }
    if (!cjkFont_) {
        std::cerr << "warning: UI font " << path.string()
                  << " not found or unreadable; Chinese text will not render (install "
                     "fonts-noto-cjk or set CUNJING_UI_FONT)\n";
        ImFontConfig config;
        config.SizePixels = pixelSize;
        io.Fonts->AddFontDefault(&config);
    }
}

void ImGuiLayer::applyStyle(float scale) {
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    // Fingers need bigger targets than a mouse.
    style.WindowPadding = ImVec2(12, 10);
    style.FramePadding = ImVec2(10, 7);
    style.ItemSpacing = ImVec2(10, 8);
    style.WindowRounding = 6;
    style.FrameRounding = 4;
    style.ScrollbarSize = 20;
    style.Colors[ImGuiCol_WindowBg].w = 0.82f;
    style.ScaleAllSizes(scale);
}

bool ImGuiLayer::processEvent(const SDL_Event& event) {
    if (event.type == SDL_TEXTINPUT) {
        requestGlyphs(event.text.text);
    } else if (event.type == SDL_TEXTEDITING) {
        requestGlyphs(event.edit.text);  // an input method's composition, before it commits
    } else if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_v &&
               (event.key.keysym.mod & KMOD_CTRL)) {
        if (char* clipboard = SDL_GetClipboardText()) {
            requestGlyphs(clipboard);
            SDL_free(clipboard);
        }
    }
    if (event.type == SDL_MOUSEMOTION) {
        pointerKnown_ = true;
        pointerX_ = float(event.motion.x);
        pointerY_ = float(event.motion.y);
    } else if ((event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) &&
               event.button.button == SDL_BUTTON_LEFT) {
        pointerKnown_ = true;
        pointerX_ = float(event.button.x);
        pointerY_ = float(event.button.y);
        leftDown_ = event.type == SDL_MOUSEBUTTONDOWN;
    } else if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_LEAVE) {
        pointerKnown_ = leftDown_;  // a drag held outside the window still belongs to it
    }
    return ImGui_ImplSDL2_ProcessEvent(&event);
}

void ImGuiLayer::requestGlyphs(std::string_view text) {
    if (!cjkFont_)
        return;  // ImGui's own font has no CJK glyphs to add
    GlyphRanges known = glyphs_;
    addGlyphs(known, pending_);
    pending_ += missingGlyphs(known, text);
}

void ImGuiLayer::addPendingGlyphs() {
    // The atlas holds only the characters known at start (a full CJK atlas is ~30 MB and slow
    // to build), so characters typed later are added here, between frames, and the GL texture
    // made again: Chinese typed into a note or a search shows at once, not as '?'.
    addGlyphs(glyphs_, pending_);
    pending_.clear();
    ImGui::GetIO().Fonts->Clear();
    cjkFont_ = false;
    loadFont(glyphs_, pixelSize_);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void ImGuiLayer::beginFrame() {
    if (!pending_.empty())
        addPendingGlyphs();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (pointerKnown_) {
        // The backend polled the pointer; the events are what this window was actually sent
        // (the same for a real mouse, and the only truth for injected touches).
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(pointerX_, pointerY_);
        io.MouseDown[0] = io.MouseDown[0] || leftDown_;
    }
    ImGui::NewFrame();
}

void ImGuiLayer::endFrame() {
    ImGui::Render();
    // The OpenGL3 backend saves and restores every piece of state it touches (program, VAO,
    // blend, depth, scissor, viewport, textures), so OSG's cached state stays true.
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool ImGuiLayer::wantsMouse() const {
    return ImGui::GetIO().WantCaptureMouse;
}
bool ImGuiLayer::wantsKeyboard() const {
    return ImGui::GetIO().WantCaptureKeyboard;
}

}  // namespace cunjing::viewer
