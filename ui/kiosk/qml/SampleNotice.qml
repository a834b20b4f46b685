import QtQuick

// One calm line wherever the sample's objects are introduced (attract loop, home screen):
// they are invented and their pictures generated, so no visitor takes them for real
// holdings or historical photographs. Shown only when the snapshot holds sample records
// (kiosk.sampleContent); wraps rather than clips at every text size.
Text {
    objectName: "sampleNotice"
    visible: kiosk.sampleContent
    textFormat: Text.PlainText
    wrapMode: Text.WordWrap
    text: qsTr("A sample exhibition: the objects are invented and the pictures are generated drawings, not historical photographs")
    color: Theme.muted
    font.family: Theme.shownFamily(visible)
    font.pixelSize: Theme.font(26)  // above the small body size (24), as readable as a label
    lineHeight: 1.15
}
