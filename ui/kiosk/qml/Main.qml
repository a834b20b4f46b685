import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

// The kiosk: one screen at a time (kiosk.screen), the top bar, overlays, and the keyboard.
Rectangle {
    id: root
    objectName: "kioskRoot"
    width: 1920
    height: 1080
    color: Theme.bg

    Binding { target: Theme; property: "u"; value: root.height / kiosk.metrics.designHeight }
    Binding { target: Theme; property: "ts"; value: kiosk.textScale }
    Binding { target: Theme; property: "touchPx"; value: kiosk.metrics.touch }
    Binding { target: Theme; property: "buttonPx"; value: kiosk.metrics.button }
    Binding { target: Theme; property: "familyNames"; value: kiosk.fontFamilies }
    Binding { target: Theme; property: "lang"; value: kiosk.lang }

    TopBar {
        id: bar
        objectName: "topBar"
        width: root.width
        visible: kiosk.screen !== "attract"
    }
    Item {
        id: stage
        anchors.top: bar.bottom
        anchors.bottom: parent.bottom
        width: root.width
        HomeScreen { objectName: "home"; anchors.fill: parent; visible: kiosk.screen === "home" }
        SectionScreen { objectName: "section"; anchors.fill: parent; visible: kiosk.screen === "section" }
        PanelScreen { objectName: "panel"; anchors.fill: parent; visible: kiosk.screen === "panel" }
        ObjectScreen { objectName: "object"; anchors.fill: parent; visible: kiosk.screen === "object" }
        TimelineScreen { objectName: "timeline"; anchors.fill: parent; visible: kiosk.screen === "timeline" }
        MapScreen { objectName: "map"; anchors.fill: parent; visible: kiosk.screen === "map" }
        SearchScreen {
            objectName: "search"
            anchors.fill: parent
            visible: kiosk.screen === "search"
            keyboardHeight: keyboard.active ? keyboard.height : 0
        }
    }
    DetailDrawer {
        objectName: "detail"
        anchors.fill: parent
        visible: kiosk.detail.kind !== undefined && kiosk.screen !== "attract"
        z: 20
    }
    ImageViewer {
        objectName: "viewer"
        anchors.fill: parent
        visible: kiosk.viewerIndex >= 0 && kiosk.screen === "object"
        pictures: kiosk.objectData.images || []
        index: kiosk.viewerIndex
        z: 30
    }
    AttractScreen {
        objectName: "attract"
        anchors.fill: parent
        visible: kiosk.screen === "attract"
        z: 40
    }
    InputPanel {
        id: keyboard
        objectName: "keyboard"
        z: 50
        width: Math.min(root.width, Theme.px(1500))
        anchors.horizontalCenter: parent.horizontalCenter
        y: active ? root.height - height : root.height
        visible: active && kiosk.screen === "search"
    }
    StillThere {
        objectName: "stillThere"
        anchors.fill: parent
        visible: kiosk.idleWatcher.warning
        z: 60
    }
    PinDialog {
        objectName: "pinDialog"
        anchors.fill: parent
        visible: kiosk.staffOpen
        z: 80
    }
    StaffCorner {
        width: Theme.px(110)
        height: Theme.px(110)
        z: 70
    }

    // The keyboard speaks the visitor's language: pinyin for Chinese, QWERTY for English.
    // Switching its locale reloads layouts and input engine (about half of a language switch's
    // time), so it is done once the switched screen is painted, or at once on the search
    // screen, the only one that shows the keyboard.
    function keyboardLocale() { return kiosk.lang === "zh" ? "zh_CN" : "en_US" }
    function applyKeyboardLocale() {
        keyboardLocaleLater.stop()
        if (VirtualKeyboardSettings.locale !== keyboardLocale())
            VirtualKeyboardSettings.locale = keyboardLocale()
    }
    Timer { id: keyboardLocaleLater; interval: 300; onTriggered: root.applyKeyboardLocale() }
    Connections {
        target: kiosk
        function onLangChanged() {
            if (kiosk.screen === "search") root.applyKeyboardLocale()
            else keyboardLocaleLater.restart()
        }
        function onScreenChanged() {
            if (kiosk.screen === "search") {
                root.applyKeyboardLocale()
            } else if (kiosk.screen === "attract") {
                // A new visitor must not see what the last one typed or taught the pinyin engine.
                VirtualKeyboardSettings.userDataReset()
            }
        }
    }
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = keyboardLocale()
    }
}
