import QtQuick

// Always there once a visitor has started: back, home, the three ways in, text size, language.
// The top-left corner stays empty: it is the staff's hidden long-press spot (StaffCorner.qml).
Rectangle {
    id: bar
    color: Theme.bar
    height: Theme.px(120)

    Row {
        id: left
        x: Theme.px(120)
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.px(16)
        BigButton {
            objectName: "backButton"
            visible: kiosk.screen !== "home" || kiosk.canGoBack
            text: qsTr("‹ Back")
            accessibleName: qsTr("Back")
            onClicked: kiosk.back()
        }
        BigButton {
            objectName: "homeButton"
            text: qsTr("Home")
            onClicked: kiosk.goHome()
        }
    }
    Row {
        anchors.right: parent.right
        anchors.rightMargin: Theme.px(24)
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.px(16)
        BigButton {
            objectName: "timelineButton"
            text: qsTr("Timeline")
            primary: kiosk.screen === "timeline"
            onClicked: kiosk.openTimeline()
        }
        BigButton {
            objectName: "mapButton"
            text: qsTr("Map")
            primary: kiosk.screen === "map"
            onClicked: kiosk.openMap()
        }
        BigButton {
            objectName: "searchButton"
            text: qsTr("Search")
            primary: kiosk.screen === "search"
            onClicked: kiosk.openSearch()
        }
        Item { width: Theme.px(24); height: 1 }
        BigButton {
            objectName: "textSizeButton"
            //: the text-size control; %1 is a percentage such as 125
            text: qsTr("Text %1%").arg(Math.round(kiosk.textScale * 100))
            //: what a screen reader says for the text-size control; %1 is a percentage
            accessibleName: qsTr("Text size %1 percent: touch for the next size").arg(Math.round(kiosk.textScale * 100))
            fontSize: 26
            onClicked: kiosk.cycleTextSize()
        }
        BigButton {
            objectName: "languageButton"
            // Each language is named in itself, so a visitor finds their own.
            text: kiosk.lang === "zh" ? qsTr("English") : qsTr("中文")
            family: Theme.familyFor(kiosk.lang === "zh" ? "en" : "zh")
            onClicked: kiosk.toggleLanguage()
        }
    }
}
