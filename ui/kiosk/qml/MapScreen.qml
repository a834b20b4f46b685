import QtQuick

// Hengyang in 1944, to scale: the walled city on the west bank of the Xiang, the rivers, the
// railways and the places of the battle. Touch a place to see what happened there; pinch and
// drag to look closer; "Reset view" brings back the opening view.
Item {
    id: screen
    Item {
        id: heading
        x: Theme.margin * 1.5
        y: Theme.margin * 0.5
        width: screen.width - Theme.margin * 3
        height: Math.max(title.implicitHeight, reset.height)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            id: title
            anchors.verticalCenter: parent.verticalCenter
            width: parent.width - reset.width - Theme.px(24)
            text: qsTr("Hengyang, 1944: the positions")
            color: Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.heading(48)
            font.bold: true
            wrapMode: Text.WordWrap
        }
        BigButton {
            id: reset
            objectName: "mapReset"
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("Reset view")
            enabled: !map.atHome
            onClicked: map.glideTo(map.homeX, map.homeY, map.fitScale)
        }
    }
    MapView {
        id: map
        objectName: "mapView"
        anchors.top: heading.bottom
        anchors.topMargin: Theme.px(14)
        anchors.bottom: legend.top
        anchors.bottomMargin: Theme.px(12)
        x: Theme.margin * 1.5
        width: screen.width - Theme.margin * 3
        visible: kiosk.models.places.count > 0
    }
    Text {
        textFormat: Text.PlainText  // archive text is never markup
        anchors.centerIn: map
        visible: kiosk.models.places.count === 0
        text: qsTr("No places with coordinates yet.")
        color: Theme.muted
        font.family: Theme.shownFamily(visible)
        font.pixelSize: Theme.font(32)
    }
    Flow {
        id: legend
        objectName: "mapLegend"
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.px(18)
        x: Theme.margin * 1.5
        width: screen.width - Theme.margin * 3
        spacing: Theme.px(28)
        Row {
            spacing: Theme.px(10)
            Rectangle { width: Theme.px(44); height: Theme.px(12); color: "#5b8db8"; anchors.verticalCenter: parent.verticalCenter }
            Text { text: qsTr("River"); color: Theme.muted; font.family: Theme.shownFamily(visible); font.pixelSize: Theme.font(22) }
        }
        Row {
            spacing: Theme.px(10)
            Rectangle {
                width: Theme.px(44); height: Theme.px(12); color: "#e2d2b2"
                border.color: "#6b4a2b"; border.width: Theme.px(3)
                anchors.verticalCenter: parent.verticalCenter
            }
            Text { text: qsTr("City wall (old city)"); color: Theme.muted; font.family: Theme.shownFamily(visible); font.pixelSize: Theme.font(22) }
        }
        Row {
            spacing: Theme.px(10)
            Rectangle { width: Theme.px(44); height: Theme.px(8); color: "#3a3530"; border.color: Theme.paper; anchors.verticalCenter: parent.verticalCenter }
            Text { text: qsTr("Railway"); color: Theme.muted; font.family: Theme.shownFamily(visible); font.pixelSize: Theme.font(22) }
        }
        Row {
            spacing: Theme.px(10)
            Rectangle { width: Theme.px(24); height: width; radius: width / 2; color: Theme.accent; border.color: "white"; border.width: Theme.px(3); anchors.verticalCenter: parent.verticalCenter }
            Text { text: qsTr("Place: touch it to see what happened there"); color: Theme.muted; font.family: Theme.shownFamily(visible); font.pixelSize: Theme.font(22) }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            text: qsTr("Pinch or drag to look closer.")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.font(22)
        }
    }
}
