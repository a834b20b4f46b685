import QtQuick

// The attract loop: pictures of the exhibition, slowly cycling, until someone touches the screen.
Rectangle {
    id: attract
    color: "black"
    property int slide: 0
    readonly property int count: kiosk.models.attract.count
    // The bottom row (the sample notice, the language buttons) comes first; the picture and the
    // exhibition's name share the room above it, whatever the text size.
    // The name's share of the width: more of it when the text is large.
    readonly property real split: Theme.ts >= 1.5 ? 0.55 : 0.42
    readonly property real roomBottom: Math.min(notice.visible ? notice.y : languages.y, languages.y) - Theme.margin

    Timer {
        interval: kiosk.attractSeconds * 1000
        running: attract.visible && attract.count > 1
        repeat: true
        onTriggered: attract.slide = (attract.slide + 1) % attract.count
    }
    Repeater {
        model: kiosk.models.attract
        delegate: Item {
            // The picture on the right, its title under it; the exhibition's name on the left.
            x: attract.width * attract.split
            y: Theme.margin * 2
            width: attract.width * (1 - attract.split) - Theme.margin * 2
            height: attract.roomBottom - y
            opacity: index === attract.slide ? 1 : 0
            visible: opacity > 0
            Behavior on opacity { NumberAnimation { duration: 1200 } }
            ImageBox {
                id: slidePicture
                anchors.left: parent.left; anchors.right: parent.right; anchors.top: parent.top
                // The caption takes the lines it needs (it wraps, never cut); the picture the rest.
                height: parent.height - slideCaption.height - Theme.px(14)
                source: model.image
            }
            Text {
                id: slideCaption
                textFormat: Text.PlainText  // archive text is never markup
                anchors.bottom: parent.bottom
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: model.title + (model.caption && model.caption.length < 40 ? "  ·  " + model.caption : "")
                color: Theme.brass
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.font(30)
                wrapMode: Text.Wrap
            }
        }
    }
    // The exhibition's name on the left, centred in the room above the notice (from the top
    // when larger text needs all of it).
    Column {
        id: welcome
        x: Theme.margin * 2
        y: Math.max(Theme.margin, (attract.roomBottom - height) / 2)
        width: attract.width * attract.split - Theme.margin * 3
        spacing: Theme.px(12)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("The Defence of Hengyang")
            color: Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.heading(84)
            font.bold: true
            wrapMode: Text.Wrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("23 June – 8 August 1944: forty-seven days")
            color: Theme.muted
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.heading(40)
            wrapMode: Text.Wrap
        }
        Item { width: 1; height: Theme.px(30) }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("Touch the screen to begin")
            color: Theme.text
            font.family: Theme.shownFamily(visible)
            font.pixelSize: Theme.heading(36)
            wrapMode: Text.Wrap
            SequentialAnimation on opacity {
                running: attract.visible
                loops: Animation.Infinite
                // Never fainter than 60 %: still 6.6:1 on the black (WCAG AA for large text is 3:1).
                NumberAnimation { from: 1; to: 0.6; duration: 1400; easing.type: Easing.InOutQuad }
                NumberAnimation { from: 0.6; to: 1; duration: 1400; easing.type: Easing.InOutQuad }
            }
        }
    }
    // Along the bottom, left of the language buttons and below the picture's caption: one line
    // in Chinese, two in English, wrapped (never cut) if the text is larger.
    SampleNotice {
        id: notice
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin * 2
        anchors.right: languages.left
        anchors.rightMargin: Theme.margin * 2
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.margin * 2
    }
    TapHandler { onTapped: kiosk.start() }
    // The whole loop is one control: touching it anywhere begins.
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("Touch the screen to begin")
    Accessible.onPressAction: kiosk.start()
    Row {
        id: languages
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin * 2
        spacing: Theme.px(24)
        BigButton {
            objectName: "startChinese"
            text: qsTr("中文")
            family: Theme.familyFor("zh")   // each language named in itself, in its own order
            primary: kiosk.lang === "zh"
            fontSize: 36
            width: Theme.px(260)
            onClicked: { kiosk.setLanguage("zh"); kiosk.start() }
        }
        BigButton {
            objectName: "startEnglish"
            text: qsTr("English")
            family: Theme.familyFor("en")
            primary: kiosk.lang === "en"
            fontSize: 36
            width: Theme.px(260)
            onClicked: { kiosk.setLanguage("en"); kiosk.start() }
        }
    }
}
