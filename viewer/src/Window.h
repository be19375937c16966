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
    /// Fails with a message naming the cause (no display, no GLX, ...). `samples` a pixel of
    /// multisampling (0 none; none too where the driver offers no such visual).
    static Result<std::unique_ptr<Window>> open(const std::string& title, int width, int height,
                                                WindowKiosk kiosk = {}, int samples = 4);
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
    int samples() const { return samples_; }
    /// Makes the window and its context again with `samples` a pixel of multisampling (which
    /// belongs to the window): the viewer knows the preset only once a context names the
    /// renderer. Nothing may hold the old context.
    Status remake(int samples);

private:
    Window() = default;
    Status make(int samples);
    std::string title_;
    int width_ = 0, height_ = 0;
    WindowKiosk kiosk_;
    SDL_Window* window_ = nullptr;
    void* context_ = nullptr;
    int samples_ = 0;
};

}  // namespace cunjing::viewer
