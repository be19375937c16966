#pragma once
/// Dear ImGui on the SDL2 + OpenGL3 backends, with a CJK font whose atlas holds exactly the
/// glyphs the UI and the scene need.

#include <cunjing/viewer/GlyphRanges.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct SDL_Window;
typedef union SDL_Event SDL_Event;

namespace cunjing::viewer {

/// Noto Sans CJK SC; CUNJING_UI_FONT overrides it (a .ttf/.otf/.ttc, face 0 unless it is
/// the Noto collection).
std::filesystem::path uiFontPath();

class ImGuiLayer {
public:
    /// pixelSize: font height in pixels. Prints a warning and uses ImGui's own font when the
    /// CJK font is missing (Chinese then shows as '?').
    ImGuiLayer(SDL_Window* window, void* glContext, const GlyphRanges& glyphs, float pixelSize);
    ~ImGuiLayer();
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    /// Returns true when ImGui used the event.
    bool processEvent(const SDL_Event& event);
    void beginFrame();
    /// Draws the UI over whatever the framebuffer holds.
    void endFrame();
    bool wantsMouse() const;
    bool wantsKeyboard() const;
    bool hasCjkFont() const { return cjkFont_; }
    /// Asks for the characters of `text` that the font atlas lacks: the atlas is rebuilt with
    /// them before the next frame. Typed, composed (IME) and pasted text is asked for by
    /// processEvent itself; call this for text that reaches the UI another way.
    void requestGlyphs(std::string_view text);
    const GlyphRanges& glyphs() const { return glyphs_; }

private:
    void loadFont(const GlyphRanges& glyphs, float pixelSize);
    /// Rebuilds the atlas with the requested characters and uploads it again.
    void addPendingGlyphs();
    void applyStyle(float scale);

    GlyphRanges glyphs_;
    float pixelSize_ = 20;
    std::u32string pending_;              ///< characters to add before the next frame
    std::vector<unsigned short> ranges_;  ///< must outlive the font atlas
    bool cjkFont_ = false;
    /// The pointer as the events tell it (ImGui 1.86's SDL backend asks the X server instead,
    /// which events pushed with SDL_PushEvent, as --inject does, never move).
    bool pointerKnown_ = false, leftDown_ = false;
    float pointerX_ = 0, pointerY_ = 0;
};

}  // namespace cunjing::viewer
