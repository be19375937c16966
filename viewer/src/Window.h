#pragma once
/// An SDL2 window with an OpenGL compatibility context (OSG 3.6 and our GLSL 1.20 shaders need
/// the fixed-function era entry points that a core profile drops).

#include <cunjing/geo/Result.h>

#include <memory>
#include <string>

struct SDL_Window;

namespace cunjing::viewer {

/// Kiosk: a window without chrome, fullscreen on the desktop unless keepSize (tests).
struct WindowKiosk {
    bool on = false;
    bool keepSize = false;
};

class Window {
public:
    /// Fails with a message naming the cause (no display, no GLX, ...).
    static Result<std::unique_ptr<Window>> open(const std::string& title, int width, int height,
                                                WindowKiosk kiosk = {});
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    SDL_Window* sdl() const { return window_; }
    void* glContext() const { return context_; }
    /// Size of the framebuffer in pixels (differs from the window size on high-DPI screens).
    void drawableSize(int& width, int& height) const;
    /// Screen dots per inch divided by 96, at least 1: how much to enlarge the UI.
    float uiScale() const;
    void swap();
    std::string glRenderer() const;

private:
    Window() = default;
    SDL_Window* window_ = nullptr;
    void* context_ = nullptr;
};

}  // namespace cunjing::viewer
