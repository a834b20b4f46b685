import QtQuick

// The exhibition's sections, and the three other ways in: timeline, map, search.
Item {
    id: home
    Column {
        id: heading
        x: Theme.margin * 1.5
        y: Theme.margin
        width: home.width - Theme.margin * 3
        spacing: Theme.px(6)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("The Defence of Hengyang")
            color: Theme.text
            font.pixelSize: Theme.font(64)
            font.bold: true
            elide: Text.ElideRight
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("Choose a part of the exhibition")
            color: Theme.muted
            font.pixelSize: Theme.font(30)
            elide: Text.ElideRight
        }
        SampleNotice { width: parent.width }
    }
    ListView {
        id: sections
        objectName: "sectionList"
        anchors.top: heading.bottom
        anchors.topMargin: Theme.margin
        anchors.bottom: ways.top
        anchors.bottomMargin: Theme.margin
        x: Theme.margin * 1.5
        width: home.width - Theme.margin * 3
        orientation: ListView.Horizontal
        spacing: Theme.px(24)
        clip: true
        model: kiosk.models.sections
        delegate: Rectangle {
            objectName: "section:" + model.code
            property bool touchTarget: true
            width: (sections.width - sections.spacing * 4) / 5
            height: sections.height
            radius: Theme.px(14)
            color: tap.pressed ? Theme.cardPressed : Theme.card
            ImageBox {
                id: picture
                anchors.left: parent.left; anchors.right: parent.right; anchors.top: parent.top
                anchors.margins: Theme.px(12)
                height: width * 9 / 16
                source: model.image
            }
            Column {
                anchors.top: picture.bottom
                anchors.left: parent.left; anchors.right: parent.right
                anchors.margins: Theme.px(18)
                spacing: Theme.px(8)
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: qsTr("Part %1").arg(index + 1)
                    color: Theme.brass
                    font.pixelSize: Theme.font(24)
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: model.title
                    color: Theme.text
                    font.pixelSize: Theme.font(34)
                    font.bold: true
                    wrapMode: Text.WordWrap
                    maximumLineCount: 3
                    elide: Text.ElideRight
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: model.intro
                    color: Theme.muted
                    font.pixelSize: Theme.font(21)
                    lineHeight: 1.2
                    wrapMode: Text.WordWrap
                    maximumLineCount: Theme.ts > 1.2 ? 3 : 5
                    elide: Text.ElideRight
                }
                Text {
                    textFormat: Text.PlainText  // archive text is never markup
                    width: parent.width
                    text: qsTr("Panels: %1").arg(model.panel_count)
                    color: Theme.muted
                    font.pixelSize: Theme.font(22)
                }
            }
            TapHandler { id: tap; onTapped: kiosk.openSection(model.id) }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            anchors.centerIn: parent
            visible: sections.count === 0
            text: qsTr("This exhibition has no sections yet.")
            color: Theme.muted
            font.pixelSize: Theme.font(32)
        }
    }
    Row {
        id: ways
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.margin
        x: Theme.margin * 1.5
        spacing: Theme.px(24)
        property real tileWidth: (home.width - Theme.margin * 3 - spacing * 2) / 3
        BigButton {
            objectName: "homeTimeline"
            width: ways.tileWidth; height: Theme.px(130)
            fontSize: 36
            text: qsTr("The 47 days: timeline")
            onClicked: kiosk.openTimeline()
        }
        BigButton {
            objectName: "homeMap"
            width: ways.tileWidth; height: Theme.px(130)
            fontSize: 36
            text: qsTr("Map of the battle")
            onClicked: kiosk.openMap()
        }
        BigButton {
            objectName: "homeSearch"
            width: ways.tileWidth; height: Theme.px(130)
            fontSize: 36
            text: qsTr("Search the collection")
            onClicked: kiosk.openSearch()
        }
    }
}
