#include "Window.h"

#include <SDL.h>
#include <osg/GL>

#include <algorithm>
#include <cstdlib>

namespace cunjing::viewer {

namespace {

void requestCompatibilityContext(int samples) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_COMPATIBILITY);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_RED_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_GREEN_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_BLUE_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, samples > 0 ? 1 : 0);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLESAMPLES, samples);
}

SDL_Window* createWindow(const std::string& title, int width, int height, WindowKiosk kiosk) {
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    if (!kiosk.on)
        flags |= SDL_WINDOW_RESIZABLE;
    else if (kiosk.keepSize)
        flags |= SDL_WINDOW_BORDERLESS;
    else
        flags |= SDL_WINDOW_BORDERLESS | SDL_WINDOW_FULLSCREEN_DESKTOP;
    return SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width,
                            height, flags);
}

/// SDL falls back to its offscreen driver when no display is reachable: a window nobody sees.
/// Accept that only when asked for by name.
bool onRealDisplay() {
    const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    if (driver != "offscreen" && driver != "dummy")
        return true;
    const char* requested = std::getenv("SDL_VIDEODRIVER");
    return requested && driver == requested;
}

}  // namespace

Result<std::unique_ptr<Window>> Window::open(const std::string& title, int width, int height,
                                             WindowKiosk kiosk, int samples) {
    // Touches arrive as SDL_FINGER* events; keep the synthetic mouse events too, for ImGui.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        return Error{"", "",
                     std::string("no display: set DISPLAY or run under xvfb-run (SDL: ") +
                         SDL_GetError() + ")"};
    }
    if (!onRealDisplay()) {
        SDL_Quit();
        return Error{"", "",
                     "no display: set DISPLAY or run under xvfb-run (or set "
                     "SDL_VIDEODRIVER=offscreen to render without one)"};
    }
    std::unique_ptr<Window> w(new Window);
    w->title_ = title;
    w->width_ = width;
    w->height_ = height;
    w->kiosk_ = kiosk;
    if (Status made = w->make(samples); !made)
        return Result<std::unique_ptr<Window>>::failure(made.errors());
    return w;
}

Status Window::make(int samples) {
    // Multisampling smooths roof lines; fall back to none where the driver offers no such visual.
    samples_ = std::clamp(samples, 0, 16);
    requestCompatibilityContext(samples_);
    window_ = createWindow(title_, width_, height_, kiosk_);
    if (!window_ && samples_ > 0) {
        samples_ = 0;
        requestCompatibilityContext(0);
        window_ = createWindow(title_, width_, height_, kiosk_);
    }
    if (!window_) {
        return Error{"", "",
                     std::string("cannot open an OpenGL window (does the X server have "
                                 "GLX? is libgl1-mesa-dri installed?): ") +
                         SDL_GetError()};
    }
    context_ = SDL_GL_CreateContext(window_);
    if (!context_) {
        return Error{
            "", "",
            std::string("cannot create an OpenGL compatibility context: ") + SDL_GetError()};
    }
    SDL_GL_MakeCurrent(window_, context_);
    SDL_GL_SetSwapInterval(1);
    return Done{};
}

Status Window::remake(int samples) {
    // Window and context only: SDL (and with it the X connection Mesa's GLX state hangs on)
    // stays up.
    SDL_GL_DeleteContext(context_);
    SDL_DestroyWindow(window_);
    context_ = nullptr;
    window_ = nullptr;
    return make(samples);
}

Window::~Window() {
    if (context_)
        SDL_GL_DeleteContext(context_);
    if (window_)
        SDL_DestroyWindow(window_);
    SDL_Quit();
}

void Window::drawableSize(int& width, int& height) const {
    SDL_GL_GetDrawableSize(window_, &width, &height);
}

float Window::uiScale() const {
    float dpi = 0;
    const int display = SDL_GetWindowDisplayIndex(window_);
    if (display < 0 || SDL_GetDisplayDPI(display, &dpi, nullptr, nullptr) != 0)
        return 1.0f;
    return std::clamp(dpi / 96.0f, 1.0f, 3.0f);
}

void Window::swap() {
    SDL_GL_SwapWindow(window_);
}

std::string Window::glRenderer() const {
    const auto* s = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const auto* v = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    return std::string(s ? s : "unknown") + ", OpenGL " + (v ? v : "?");
}

}  // namespace cunjing::viewer
