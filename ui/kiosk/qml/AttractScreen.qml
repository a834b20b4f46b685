import QtQuick

// The attract loop: pictures of the exhibition, slowly cycling, until someone touches the screen.
Rectangle {
    id: attract
    color: "black"
    property int slide: 0
    readonly property int count: kiosk.models.attract.count

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
            x: attract.width * 0.42
            y: Theme.margin * 2
            width: attract.width * 0.58 - Theme.margin * 2
            height: attract.height * 0.72
            opacity: index === attract.slide ? 1 : 0
            visible: opacity > 0
            Behavior on opacity { NumberAnimation { duration: 1200 } }
            ImageBox {
                id: slidePicture
                anchors.fill: parent
                anchors.bottomMargin: Theme.px(70)
                source: model.image
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                anchors.top: slidePicture.bottom
                anchors.topMargin: Theme.px(14)
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: model.title + (model.caption && model.caption.length < 40 ? "  ·  " + model.caption : "")
                color: Theme.brass
                font.pixelSize: Theme.font(30)
                elide: Text.ElideRight
            }
        }
    }
    Column {
        x: Theme.margin * 2
        anchors.verticalCenter: parent.verticalCenter
        anchors.verticalCenterOffset: -Theme.px(60)
        width: attract.width * 0.42 - Theme.margin * 3
        spacing: Theme.px(12)
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("The Defence of Hengyang")
            color: Theme.text
            font.pixelSize: Theme.font(84)
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("23 June – 8 August 1944: forty-seven days")
            color: Theme.muted
            font.pixelSize: Theme.font(40)
            wrapMode: Text.WordWrap
        }
        Item { width: 1; height: Theme.px(30) }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            width: parent.width
            text: qsTr("Touch the screen to begin")
            color: Theme.text
            font.pixelSize: Theme.font(36)
            SequentialAnimation on opacity {
                running: attract.visible
                loops: Animation.Infinite
                NumberAnimation { from: 1; to: 0.45; duration: 1400; easing.type: Easing.InOutQuad }
                NumberAnimation { from: 0.45; to: 1; duration: 1400; easing.type: Easing.InOutQuad }
            }
        }
    }
    // Along the bottom, left of the language buttons and below the picture's caption: one line
    // in Chinese, two in English, wrapped (never cut) if the text is larger.
    SampleNotice {
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin * 2
        anchors.right: languages.left
        anchors.rightMargin: Theme.margin * 2
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.margin * 2
    }
    TapHandler { onTapped: kiosk.start() }
    Row {
        id: languages
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin * 2
        spacing: Theme.px(24)
        BigButton {
            objectName: "startChinese"
            text: qsTr("中文")
            primary: kiosk.lang === "zh"
            fontSize: 36
            width: Theme.px(260)
            onClicked: { kiosk.setLanguage("zh"); kiosk.start() }
        }
        BigButton {
            objectName: "startEnglish"
            text: qsTr("English")
            primary: kiosk.lang === "en"
            fontSize: 36
            width: Theme.px(260)
            onClicked: { kiosk.setLanguage("en"); kiosk.start() }
        }
    }
}
