import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components
import "../.."

// Digits and the few signs a search needs (accession numbers such as HY1944.0001, dates, names).
KeyboardLayout {
    inputMode: InputEngine.InputMode.Latin
    keyWeight: 160
    KeyboardRow {
        Key { text: "1" } Key { text: "2" } Key { text: "3" } Key { text: "4" } Key { text: "5" }
        Key { text: "6" } Key { text: "7" } Key { text: "8" } Key { text: "9" } Key { text: "0" }
    }
    KeyboardRow {
        Key { text: "-" } Key { text: "/" } Key { text: ":" } Key { text: "(" } Key { text: ")" }
        Key { text: "'" } Key { text: "\"" } Key { text: "," } Key { text: "&" } Key { text: "#" }
    }
    KeyboardRow {
        ClearKey { weight: 240 }
        Key { text: "_" } Key { text: "?" } Key { text: "!" } Key { text: ";" } Key { text: "%" }
        Key { text: "+" } Key { text: "@" }
        BackspaceKey { weight: 240 }
    }
    KeyboardRow {
        SymbolModeKey { weight: 240 }
        ChangeLanguageKey { weight: 160 }
        SpaceKey { weight: 640 }
        Key { key: Qt.Key_Period; text: "."; weight: 160 }
        HideKeyboardKey { weight: 160 }
        EnterKey { weight: 240 }
    }
}
