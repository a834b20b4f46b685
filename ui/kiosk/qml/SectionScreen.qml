import QtQuick

// One section: its introduction and its panels, as cards to open.
Item {
    id: screen
    Column {
        id: heading
        x: Theme.margin * 1.5
        y: Theme.margin
        width: screen.width - Theme.margin * 3
        spacing: Theme.px(12)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: kiosk.section.title || ""
            color: Theme.text
            font.pixelSize: Theme.font(60)
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Flickable {
            width: parent.width
            height: Math.min(introText.implicitHeight, screen.height * 0.28)
            contentHeight: introText.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                id: introText
                width: parent.width
                text: kiosk.section.intro || ""
                color: Theme.muted
                font.pixelSize: Theme.font(28)
                lineHeight: 1.3
                wrapMode: Text.WordWrap
            }
        }
    }
    ListView {
        id: panels
        objectName: "panelCards"
        anchors.top: heading.bottom
        anchors.topMargin: Theme.margin
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.margin
        x: Theme.margin * 1.5
        width: screen.width - Theme.margin * 3
        orientation: ListView.Horizontal
        spacing: Theme.px(24)
        clip: true
        model: kiosk.models.panels
        delegate: Rectangle {
            objectName: "panelCard:" + model.code
            property bool touchTarget: true
            width: Theme.px(520)
            height: panels.height
            radius: Theme.px(14)
            color: tap.pressed ? Theme.cardPressed : Theme.card
            ImageBox {
                id: picture
                anchors.left: parent.left; anchors.right: parent.right; anchors.top: parent.top
                anchors.margins: Theme.px(12)
                height: parent.height * 0.5
                source: model.image || (model.objects.length ? model.objects[0].image : "")
                fill: Image.PreserveAspectCrop
                clip: true
            }
            Column {
                anchors.top: picture.bottom
                anchors.left: parent.left; anchors.right: parent.right
                anchors.margins: Theme.px(18)
                spacing: Theme.px(8)
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: model.title
                    color: Theme.text
                    font.pixelSize: Theme.font(34)
                    font.bold: true
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: qsTr("Objects: %1").arg(model.objects.length)
                    color: Theme.muted
                    font.pixelSize: Theme.font(22)
                }
            }
            TapHandler { id: tap; onTapped: kiosk.openPanel(index) }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            anchors.centerIn: parent
            width: parent.width * 0.7
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            visible: panels.count === 0
            text: qsTr("The panels of this part are still being prepared.")
            color: Theme.muted
            font.pixelSize: Theme.font(32)
        }
    }
}
