import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

// "Clear": empties the search field (and any pinyin being composed) in one touch, so the next
// visitor, or the same one, starts again without holding backspace.
BaseKey {
    objectName: "clearKey"
    functionKey: true
    noKeyEvent: true
    highlighted: true
    displayText: qsTr("Clear")
    keyPanelDelegate: keyboard.style ? keyboard.style.keyPanel : undefined
    onClicked: {
        Qt.inputMethod.reset()  // the pinyin being composed is dropped, not committed
        var item = InputContext.inputItem
        if (item && typeof item.clear === "function")
            item.clear()
    }
}
