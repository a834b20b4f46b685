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
                    ScrollArea {
                        id: textArea
                        objectName: "panelText"
                        x: Theme.margin * 1.5
                        y: Theme.margin
                        // Larger text takes more of the width from the objects beside it.
                        width: parent.width * (Theme.ts >= 1.5 ? 0.6 : 0.52)
                        height: parent.height - Theme.margin
                        spacing: Theme.px(20)
                        bottomPadding: Theme.px(90)
                        Text {
                            textFormat: Text.PlainText  // archive text is never markup
                            width: parent.width
                            text: model.title
                            color: Theme.text
                            font.family: Theme.shownFamily(visible)
                            font.pixelSize: Theme.heading(54)
                            font.bold: true
                            wrapMode: Text.Wrap
                            Accessible.role: Accessible.Heading
                            Accessible.name: text
                        }
                        Text {
                            objectName: "panelBody"
                            textFormat: Text.PlainText  // archive text is never markup
                            width: parent.width
                            text: model.body
                            color: Theme.text
                            font.family: Theme.shownFamily(visible)
                            font.pixelSize: Theme.font(28)
                            lineHeight: 1.35
                            wrapMode: Text.Wrap
                        }
                        DisputeBox { width: parent.width; disputes: model.disputes || [] }
                        SourcesDrawer {
                            objectName: "panelSources"
                            width: parent.width
                            sources: model.sources || []
                            scroller: textArea
                        }
                    }
                    ScrollArea {
                        id: objectArea
                        anchors.left: textArea.right
                        anchors.leftMargin: Theme.margin * 1.5
                        anchors.right: parent.right
                        anchors.rightMargin: Theme.margin * 1.5
                        y: Theme.margin
                        height: parent.height - Theme.margin
                        bottomPadding: Theme.px(90)
                        CardGrid {
                            id: objects
                            objectName: "panelObjects"
                            width: parent.width
                            minCardWidth: Theme.px(250) * Theme.ts
                            columnSpacing: Theme.px(16)
                            rowSpacing: Theme.px(16)
                            model: page.objects
                            delegate: Rectangle {
                                id: card
                                objectName: "object:" + modelData.accession
                                property bool touchTarget: true
                                readonly property real naturalHeight: thumb.height + name.implicitHeight + Theme.px(10 + 12 + 18)
                                width: objects.cardWidth
                                height: objects.cardHeight
                                radius: Theme.px(12)
                                color: tap.pressed ? Theme.cardPressed : Theme.card
                                Accessible.role: Accessible.Button
                                Accessible.name: modelData.name
                                Accessible.onPressAction: kiosk.openObject(modelData.id)
                                ImageBox {
                                    id: thumb
                                    anchors.left: parent.left; anchors.right: parent.right; anchors.top: parent.top
                                    anchors.margins: Theme.px(10)
                                    height: Math.min(width * 3 / 4, Theme.px(260))
                                    source: modelData.thumb
                                    compact: true
                                }
                                Text {
                                    id: name
                                    textFormat: Text.PlainText  // archive text is never markup
                                    anchors.top: thumb.bottom
                                    anchors.topMargin: Theme.px(12)
                                    x: Theme.px(12)
                                    width: card.width - Theme.px(24)
                                    text: modelData.name
                                    color: Theme.text
                                    font.family: Theme.shownFamily(visible)
                                    font.pixelSize: Theme.font(24)
                                    wrapMode: Text.Wrap
                                }
                                TapHandler { id: tap; onTapped: kiosk.openObject(modelData.id) }
                            }
                        }
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.Wrap
                            visible: objects.count === 0
                            text: qsTr("No objects are shown with this panel.")
                            color: Theme.muted
                            font.family: Theme.shownFamily(visible)
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
            accessibleName: qsTr("Previous panel")
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
                    color: index === pages.currentIndex ? Theme.brass : Theme.dot
                }
            }
            Text {
                textFormat: Text.PlainText  // archive text is never markup
                text: qsTr("%1 of %2").arg(pages.currentIndex + 1).arg(pages.count)
                color: Theme.muted
                font.family: Theme.shownFamily(visible)
                font.pixelSize: Theme.chrome(24)
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
            accessibleName: qsTr("Next panel")
            enabled: pages.currentIndex < pages.count - 1
            onClicked: pages.incrementCurrentIndex()
        }
    }
}
