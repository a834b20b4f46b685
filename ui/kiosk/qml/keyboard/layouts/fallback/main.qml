import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components
import "../.."

// The kiosk's English letters, for search: no shift (search ignores case), no key that does
// nothing; "Clear" and backspace flank the last row of letters, "." for accession numbers.
// Rows are 1600 weight units wide (ten letter keys of 160).
KeyboardLayout {
    inputMode: InputEngine.InputMode.Latin
    keyWeight: 160
    KeyboardRow {
        Key { text: "q" } Key { text: "w" } Key { text: "e" } Key { text: "r" } Key { text: "t" }
        Key { text: "y" } Key { text: "u" } Key { text: "i" } Key { text: "o" } Key { text: "p" }
    }
    KeyboardRow {
        FillerKey { weight: 80 }
        Key { text: "a" } Key { text: "s" } Key { text: "d" } Key { text: "f" } Key { text: "g" }
        Key { text: "h" } Key { text: "j" } Key { text: "k" } Key { text: "l" }
        FillerKey { weight: 80 }
    }
    KeyboardRow {
        ClearKey { weight: 240 }
        Key { text: "z" } Key { text: "x" } Key { text: "c" } Key { text: "v" } Key { text: "b" }
        Key { text: "n" } Key { text: "m" }
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
