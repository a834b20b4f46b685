import QtQuick
import Kiosk 1.0

// Hengyang, schematically: the rivers, the railways and the places of the battle.
// Touch a place to see what happened there.
Item {
    id: screen
    Text {
        textFormat: Text.PlainText  // archive text is never markup
        id: title
        x: Theme.margin * 1.5
        y: Theme.margin * 0.6
        width: screen.width - Theme.margin * 3
        text: qsTr("Hengyang, 1944: the positions")
        color: Theme.text
        font.pixelSize: Theme.font(48)
        font.bold: true
        elide: Text.ElideRight
    }
    Item {
        id: area
        anchors.top: title.bottom
        anchors.topMargin: Theme.px(16)
        anchors.bottom: legend.top
        anchors.bottomMargin: Theme.px(12)
        x: Theme.margin * 1.5
        width: screen.width - Theme.margin * 3
        Item {
            id: map
            objectName: "map"
            readonly property real aspect: kiosk.mapAspect
            width: Math.min(area.width, area.height * aspect)
            height: width / aspect
            anchors.centerIn: parent
            // Label sides are recomputed when the map's size, the language or the text size changes,
            // while the map is hidden only once it is shown again (a language switch elsewhere
            // should not wait for label placement on a screen nobody sees).
            property var labelSides: []
            property bool labelsStale: false
            function placeLabels() {
                if (!screen.visible) { labelsStale = true; return }
                labelsStale = false
                labelSides = kiosk.mapLabelSides(width, height, Theme.font(21), Theme.touch)
            }
            onWidthChanged: placeLabels()
            onHeightChanged: placeLabels()
            Connections {
                target: kiosk
                function onLangChanged() { map.placeLabels() }
                function onTextScaleChanged() { map.placeLabels() }
            }
            Connections {
                target: screen
                function onVisibleChanged() { if (screen.visible && map.labelsStale) map.placeLabels() }
            }
            MapCanvas {
                id: canvas
                anchors.fill: parent
                fontScale: Theme.ts
            }
            // The lines' names follow the language: fetched and repainted only while the map shows.
            Binding {
                target: canvas
                property: "lines"
                value: kiosk.mapLines
                when: screen.visible
                restoreMode: Binding.RestoreNone
            }
            Repeater {
                model: kiosk.models.places
                delegate: Item {
                    id: place
                    objectName: "place:" + model.key
                    property bool touchTarget: true
                    readonly property string side: map.labelSides[index] || "right"
                    width: Theme.touch
                    height: Theme.touch
                    x: model.x * map.width - width / 2
                    y: model.y * map.height - height / 2
                    z: tap.pressed ? 2 : 1
                    Rectangle {
                        anchors.centerIn: parent
                        width: Theme.px(30); height: width; radius: width / 2
                        color: model.event_count > 0 ? Theme.accent : "#7a5a3a"
                        border.color: "white"
                        border.width: Theme.px(model.estimated ? 3 : 5)
                        scale: tap.pressed ? 1.3 : 1
                    }
                    Rectangle {  // the label, on a light backing so it reads over rivers and rails
                        x: place.side === "right" ? place.width * 0.8
                           : place.side === "left" ? place.width * 0.2 - width
                           : (place.width - width) / 2
                        y: place.side === "below" ? place.height * 0.9
                           : place.side === "above" ? place.height * 0.1 - height
                           : (place.height - height) / 2
                        width: label.implicitWidth + Theme.px(12)
                        height: label.implicitHeight + Theme.px(4)
                        radius: Theme.px(6)
                        color: "#d9f4efe4"
                        Text {
                            textFormat: Text.PlainText  // archive text is never markup
                            id: label
                            anchors.centerIn: parent
                            // The short name ("衡阳机场"); the full one shows when the place is opened.
                            text: model.shortName
                            color: Theme.ink
                            font.pixelSize: Theme.font(21)
                        }
                    }
                    TapHandler { id: tap; onTapped: kiosk.openRecord("place", model.id) }
                }
            }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            anchors.centerIn: parent
            visible: kiosk.models.places.count === 0
            text: qsTr("No places with coordinates yet.")
            color: Theme.muted
            font.pixelSize: Theme.font(32)
        }
    }
    Row {
        id: legend
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.px(20)
        x: Theme.margin * 1.5
        spacing: Theme.px(28)
        Row {
            spacing: Theme.px(10)
            Rectangle { width: Theme.px(44); height: Theme.px(12); color: "#5b8db8"; anchors.verticalCenter: parent.verticalCenter }
            Text { text: qsTr("River"); color: Theme.muted; font.pixelSize: Theme.font(22) }
        }
        Row {
            spacing: Theme.px(10)
            Rectangle { width: Theme.px(44); height: Theme.px(8); color: "#3a3530"; border.color: Theme.paper; anchors.verticalCenter: parent.verticalCenter }
            Text { text: qsTr("Railway"); color: Theme.muted; font.pixelSize: Theme.font(22) }
        }
        Row {
            spacing: Theme.px(10)
            Rectangle { width: Theme.px(24); height: width; radius: width / 2; color: Theme.accent; border.color: "white"; border.width: Theme.px(3); anchors.verticalCenter: parent.verticalCenter }
            Text { text: qsTr("Place: touch it to see what happened there"); color: Theme.muted; font.pixelSize: Theme.font(22) }
        }
        Text {
            textFormat: Text.PlainText  // archive text is never markup
            text: qsTr("Schematic, not to scale; most positions are estimates.")
            color: Theme.muted
            font.pixelSize: Theme.font(22)
            font.italic: true
        }
    }
}
