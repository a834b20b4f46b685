import QtQuick

// Staff exit: a keypad for the PIN (digits only, large keys). Wrong PINs leave the kiosk running.
Rectangle {
    id: dialog
    color: "#e6000000"
    property string pin: ""
    onVisibleChanged: pin = ""
    MouseArea { anchors.fill: parent }
    Rectangle {
        anchors.centerIn: parent
        width: Theme.px(720)
        height: column.implicitHeight + Theme.margin * 2
        radius: Theme.px(20)
        color: Theme.bg
        border.color: Theme.brass
        border.width: Theme.px(3)
        Column {
            id: column
            anchors.centerIn: parent
            width: parent.width - Theme.margin * 2
            spacing: Theme.px(18)
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Staff: enter the PIN to close the kiosk")
                color: Theme.text
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(32)
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                objectName: "pinDots"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: dialog.pin.length ? "●".repeat(dialog.pin.length) : " "
                color: Theme.brass
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(48)
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                objectName: "pinMessage"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                visible: text !== ""
                text: kiosk.staffMessage === "wrong" ? qsTr("Wrong PIN.")
                    : kiosk.staffMessage === "paused" ? qsTr("Too many wrong PINs: wait half a minute.")
                    : kiosk.staffMessage === "no-pin" ? qsTr("No staff PIN is set. Set one with: main.py kiosk --set-pin")
                    : kiosk.staffMessage === "checking" ? qsTr("Checking…")
                    : kiosk.staffMessage === "weak" ? qsTr("This PIN is weak: set a new one of 6 or more digits with: main.py kiosk --set-pin")
                    : ""
                color: kiosk.staffMessage === "checking" ? Theme.text : "#ff9c86"
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(24)
            }
            Grid {
                anchors.horizontalCenter: parent.horizontalCenter
                columns: 3
                spacing: Theme.px(14)
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
                    delegate: BigButton {
                        objectName: "pinKey:" + modelData
                        width: Theme.px(150)
                        height: Theme.px(100)
                        fontSize: modelData.length === 1 ? 40 : 28
                        primary: modelData === "ok"
                        text: modelData === "clear" ? qsTr("Clear") : modelData === "ok" ? qsTr("OK") : modelData
                        onClicked: {
                            if (modelData === "clear") dialog.pin = ""
                            else if (modelData === "ok") { kiosk.checkPin(dialog.pin); dialog.pin = "" }
                            else if (dialog.pin.length < 12) dialog.pin += modelData
                        }
                    }
                }
            }
            BigButton {
                objectName: "pinCancel"
                anchors.horizontalCenter: parent.horizontalCenter
                text: qsTr("Cancel")
                onClicked: kiosk.cancelStaff()
            }
        }
    }
}
