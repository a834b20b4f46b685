import QtQuick

// The panels of a section, one per page: swipe sideways between them.
// Each page has the panel's text on the left and the objects it shows on the right.
Item {
    id: screen
    // True once the screen has shown the current section's panels; false again when another
    // section's panels replace them while the screen is hidden.
    property bool pagesWanted: visible
    onVisibleChanged: if (visible) pagesWanted = true
    Connections {
        target: kiosk.models.panels
        function onModelAboutToBeReset() { if (!screen.visible) screen.pagesWanted = false }
    }
    ListView {
        id: pages
        objectName: "panelPages"
        anchors.fill: parent
        anchors.bottomMargin: Theme.px(120)
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        highlightMoveDuration: 250
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        model: kiosk.models.panels
        // Swiping changes currentIndex (and tells the kiosk); opening a panel moves the view.
        Connections {
            target: kiosk
            function onPanelIndexChanged() {
                if (pages.currentIndex !== kiosk.panelIndex) {
                    pages.currentIndex = kiosk.panelIndex
                    pages.positionViewAtIndex(kiosk.panelIndex, ListView.Beginning)
                }
            }
        }
        Component.onCompleted: currentIndex = kiosk.panelIndex
        onCurrentIndexChanged: if (screen.visible && currentIndex >= 0) kiosk.panelShown(currentIndex)
        delegate: Item {
            id: page
            objectName: "panelPage:" + model.code
            readonly property var objects: model.objects
            width: pages.width
            height: pages.height
            // The page's text and objects are made once the panel screen shows: a section opens
            // (and resets this model) behind its own screen, which should not wait for panels'
            // whole texts to be laid out and their objects' cards made, unseen. (Made
            // asynchronously, the neighbours' incubation delayed the next touch more than it saved.)
            Loader {
                anchors.fill: parent
                active: screen.pagesWanted
                sourceComponent: Item {
                    Flickable {
                        id: textArea
                        x: Theme.margin * 1.5
                        y: Theme.margin
                        width: parent.width * 0.52
                        height: parent.height - Theme.margin * 2
                        contentHeight: textColumn.implicitHeight
                        clip: true
                        boundsBehavior: Flickable.StopAtBounds
                        flickableDirection: Flickable.VerticalFlick
                        Column {
                            id: textColumn
                            width: textArea.width
                            spacing: Theme.px(20)
                            Text {
                                textFormat: Text.PlainText  // archive text is never markup
                                width: parent.width
                                text: model.title
                                color: Theme.text
                                font.pixelSize: Theme.font(54)
                                font.bold: true
                                wrapMode: Text.WordWrap
                            }
                            Text {
                                textFormat: Text.PlainText  // archive text is never markup
                                width: parent.width
                                text: model.body
                                color: Theme.text
                                font.pixelSize: Theme.font(28)
                                lineHeight: 1.35
                                wrapMode: Text.WordWrap
                            }
                        }
                    }
                    GridView {
                        id: objects
                        objectName: "panelObjects"
                        anchors.left: textArea.right
                        anchors.leftMargin: Theme.margin * 1.5
                        anchors.right: parent.right
                        anchors.rightMargin: Theme.margin * 1.5
                        y: Theme.margin
                        height: parent.height - Theme.margin * 2
                        cellWidth: width / 2
                        cellHeight: Theme.px(380) * Math.min(Theme.ts, 1.2)
                        clip: true
                        boundsBehavior: Flickable.StopAtBounds
                        model: page.objects
                        delegate: Rectangle {
                            objectName: "object:" + modelData.accession
                            property bool touchTarget: true
                            width: objects.cellWidth - Theme.px(16)
                            height: objects.cellHeight - Theme.px(16)
                            radius: Theme.px(12)
                            color: tap.pressed ? Theme.cardPressed : Theme.card
                            ImageBox {
                                id: thumb
                                anchors.left: parent.left; anchors.right: parent.right; anchors.top: parent.top
                                anchors.margins: Theme.px(10)
                                height: parent.height * 0.66
                                source: modelData.thumb
                                compact: true
                            }
                            Text {
                                textFormat: Text.PlainText  // archive text is never markup
                                anchors.top: thumb.bottom
                                anchors.left: parent.left; anchors.right: parent.right
                                anchors.margins: Theme.px(12)
                                text: modelData.name
                                color: Theme.text
                                font.pixelSize: Theme.font(24)
                                wrapMode: Text.WordWrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                            TapHandler { id: tap; onTapped: kiosk.openObject(modelData.id) }
                        }
                        Text {
                            textFormat: Text.PlainText  // archive text is never markup
                            anchors.centerIn: parent
                            width: parent.width * 0.8
                            horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.WordWrap
                            visible: objects.count === 0
                            text: qsTr("No objects are shown with this panel.")
                            color: Theme.muted
                            font.pixelSize: Theme.font(28)
                        }
                    }
                }
            }
        }
    }
    Item {
        anchors.left: parent.left; anchors.right: parent.right; anchors.bottom: parent.bottom
        height: Theme.px(120)
        BigButton {
            objectName: "previousPanel"
            anchors.left: parent.left
            anchors.leftMargin: Theme.margin * 1.5
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("‹ Previous")
            enabled: pages.currentIndex > 0
            onClicked: pages.decrementCurrentIndex()
        }
        Row {
            anchors.centerIn: parent
            spacing: Theme.px(14)
            Repeater {
                model: pages.count
                Rectangle {
                    width: Theme.px(18); height: width; radius: width / 2
                    color: index === pages.currentIndex ? Theme.brass : "#5a5248"
                }
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                text: qsTr("%1 of %2").arg(pages.currentIndex + 1).arg(pages.count)
                color: Theme.muted
                font.pixelSize: Theme.font(24)
                anchors.verticalCenter: parent.verticalCenter
                leftPadding: Theme.px(12)
            }
        }
        BigButton {
            objectName: "nextPanel"
            anchors.right: parent.right
            anchors.rightMargin: Theme.margin * 1.5
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("Next ›")
            enabled: pages.currentIndex < pages.count - 1
            onClicked: pages.incrementCurrentIndex()
        }
    }
}
