#pragma once
// Text fields and message colours shared by the viewer's panels (register, card, inspector).

#include <imgui.h>

#include <string>

namespace cunjing::viewer {

inline const ImVec4 kErrorColour(1, 0.55f, 0.45f, 1);
inline const ImVec4 kOkColour(0.7f, 1, 0.7f, 1);
inline const ImVec4 kDimColour(0.75f, 0.75f, 0.75f, 1);

/// ImGui writes into a char buffer; this grows the std::string behind it when text is typed.
inline int growString(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}

/// An input field editing a std::string of any length.
inline bool inputString(const char* id, std::string& text, ImGuiInputTextFlags flags = 0) {
    return ImGui::InputText(id, text.data(), text.capacity() + 1,
                            flags | ImGuiInputTextFlags_CallbackResize, growString, &text);
}

/// The same, showing `hint` while it is empty.
inline bool inputWithHint(const char* id, const char* hint, std::string& text) {
    return ImGui::InputTextWithHint(id, hint, text.data(), text.capacity() + 1,
                                    ImGuiInputTextFlags_CallbackResize, growString, &text);
}

}  // namespace cunjing::viewer
