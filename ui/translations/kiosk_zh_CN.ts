<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="63"/>
        <source>The Defence of Hengyang</source>
        <translation>衡阳保卫战</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="74"/>
        <source>23 June – 8 August 1944: forty-seven days</source>
        <translation>1944年6月23日至8月8日：四十七天</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="83"/>
        <location filename="../kiosk/qml/AttractScreen.qml" line="110"/>
        <source>Touch the screen to begin</source>
        <translation>轻触屏幕开始参观</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="120"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="128"/>
        <source>English</source>
        <translation>English</translation>
    </message>
</context>
<context>
    <name>ClearKey</name>
    <message>
        <location filename="../kiosk/qml/keyboard/ClearKey.qml" line="12"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>DayStrip</name>
    <message>
        <location filename="../kiosk/qml/DayStrip.qml" line="47"/>
        <source>The 47 days of the siege: touch a day to see its events</source>
        <translation>围城四十七天：点一下某一天，看当天发生的事</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DayStrip.qml" line="67"/>
        <source>Day %1, %2: no events recorded</source>
        <translation>第 %1 天，%2：没有记载的事件</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DayStrip.qml" line="68"/>
        <source>Day %1, %2: one event</source>
        <translation>第 %1 天，%2：一件事</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DayStrip.qml" line="69"/>
        <source>Day %1, %2: %3 events</source>
        <translation>第 %1 天，%2：%3 件事</translation>
    </message>
</context>
<context>
    <name>DetailDrawer</name>
    <message>
        <location filename="../kiosk/qml/DetailDrawer.qml" line="40"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DetailDrawer.qml" line="40"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DetailDrawer.qml" line="41"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DetailDrawer.qml" line="81"/>
        <source>Related</source>
        <translation>相关内容</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DetailDrawer.qml" line="97"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DetailDrawer.qml" line="98"/>
        <source>Close the drawer</source>
        <translation>关闭详情</translation>
    </message>
</context>
<context>
    <name>DisputeBox</name>
    <message>
        <location filename="../kiosk/qml/DisputeBox.qml" line="35"/>
        <source>Accounts differ</source>
        <translation>说法不一</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DisputeBox.qml" line="46"/>
        <source>The sources do not agree here. Each account is given with the source it comes from.</source>
        <translation>各方资料在此说法不一，以下列出每种说法及其出处。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DisputeBox.qml" line="21"/>
        <source>at %1</source>
        <translation>见%1</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="22"/>
        <source>The Defence of Hengyang</source>
        <translation>衡阳保卫战</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="33"/>
        <source>Choose a part of the exhibition</source>
        <translation>请选择展览单元</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="81"/>
        <source>Part %1</source>
        <translation>第%1单元</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="108"/>
        <source>Panels: %1</source>
        <translation>展板：%1 块</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="121"/>
        <source>This exhibition has no sections yet.</source>
        <translation>本展览尚无展览单元。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="141"/>
        <source>The 47 days: timeline</source>
        <translation>四十七天：时间线</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="149"/>
        <source>Map of the battle</source>
        <translation>战场地图</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="157"/>
        <source>Search the collection</source>
        <translation>搜索展品与史料</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../kiosk/qml/ImageViewer.qml" line="83"/>
        <source>‹ Previous</source>
        <translation>‹ 上一张</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ImageViewer.qml" line="89"/>
        <source>Next ›</source>
        <translation>下一张 ›</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ImageViewer.qml" line="96"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MapScreen</name>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="19"/>
        <source>Hengyang, 1944: the positions</source>
        <translation>1944年的衡阳：阵地示意</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="30"/>
        <source>Reset view</source>
        <translation>复原视图</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="50"/>
        <source>No places with coordinates yet.</source>
        <translation>暂无带坐标的地点。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="65"/>
        <source>River</source>
        <translation>河流</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="74"/>
        <source>City wall (old city)</source>
        <translation>城墙（旧城）</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="79"/>
        <source>Railway</source>
        <translation>铁路</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="84"/>
        <source>Place: touch it to see what happened there</source>
        <translation>地点：点一下，看看那里发生了什么</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="88"/>
        <source>Pinch or drag to look closer.</source>
        <translation>双指缩放、拖动查看细节。</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../kiosk/qml/MapView.qml" line="332"/>
        <source>Show %1 on the map</source>
        <translation>在地图上显示%1</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapView.qml" line="364"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapView.qml" line="373"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapView.qml" line="390"/>
        <source>Schematic: the wall, the rivers and most positions are approximate</source>
        <translation>示意图：城墙、河道与多数位置为估计</translation>
    </message>
</context>
<context>
    <name>NorthArrow</name>
    <message>
        <location filename="../kiosk/qml/NorthArrow.qml" line="11"/>
        <source>North is up</source>
        <translation>上方为北</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/NorthArrow.qml" line="17"/>
        <source>N</source>
        <translation>北</translation>
    </message>
</context>
<context>
    <name>ObjectScreen</name>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="112"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="113"/>
        <source>Material</source>
        <translation>质地</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="114"/>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="115"/>
        <source>Weight</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="116"/>
        <source>Credit</source>
        <translation>鸣谢</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="174"/>
        <source>Inscription</source>
        <translation>铭文</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="195"/>
        <source>People</source>
        <translation>相关人物</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="196"/>
        <source>Places</source>
        <translation>相关地点</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="197"/>
        <source>Events</source>
        <translation>相关事件</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="198"/>
        <source>On the panels</source>
        <translation>所在展板</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="29"/>
        <source>Show the picture full screen</source>
        <translation>全屏查看图片</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="29"/>
        <source>No picture</source>
        <translation>暂无图片</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="60"/>
        <source>Picture %1 of %2</source>
        <extracomment>a thumbnail under an object&apos;s picture; %1 and %2 are numbers</extracomment>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
</context>
<context>
    <name>PanelScreen</name>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="150"/>
        <source>No objects are shown with this panel.</source>
        <translation>这块展板没有配展品。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="167"/>
        <source>‹ Previous</source>
        <translation>‹ 上一块</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="184"/>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 块</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="196"/>
        <source>Next ›</source>
        <translation>下一块 ›</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="168"/>
        <source>Previous panel</source>
        <translation>上一块展板</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="197"/>
        <source>Next panel</source>
        <translation>下一块展板</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="27"/>
        <source>Staff: enter the PIN to close the kiosk</source>
        <translation>工作人员：输入密码以关闭展示终端</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="49"/>
        <source>Wrong PIN.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="50"/>
        <source>Too many wrong PINs: wait half a minute.</source>
        <translation>密码错误次数过多，请等待半分钟。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="51"/>
        <source>No staff PIN is set. Set one with: main.py kiosk --set-pin</source>
        <translation>尚未设置工作人员密码。请用 main.py kiosk --set-pin 设置。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="52"/>
        <source>Checking…</source>
        <translation>正在核对……</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="53"/>
        <source>This PIN is weak: set a new one of 6 or more digits with: main.py kiosk --set-pin</source>
        <translation>此密码强度不足：请用 main.py kiosk --set-pin 设置一个至少 6 位数字的新密码</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="70"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="70"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PinDialog.qml" line="82"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Placeholder</name>
    <message>
        <location filename="../kiosk/qml/Placeholder.qml" line="32"/>
        <source>No picture yet</source>
        <translation>暂无图片</translation>
    </message>
</context>
<context>
    <name>SampleNotice</name>
    <message>
        <location filename="../kiosk/qml/SampleNotice.qml" line="12"/>
        <source>A sample exhibition: the objects are invented and the pictures are generated drawings, not historical photographs</source>
        <translation>示例展览：展品为虚构，图片为生成的示意图，并非历史照片</translation>
    </message>
</context>
<context>
    <name>ScaleBar</name>
    <message>
        <location filename="../kiosk/qml/ScaleBar.qml" line="39"/>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ScaleBar.qml" line="39"/>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
</context>
<context>
    <name>ScrollHint</name>
    <message>
        <location filename="../kiosk/qml/ScrollHint.qml" line="36"/>
        <source>More below: scroll down</source>
        <translation>下方还有内容：向下滚动</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="21"/>
        <source>Objects</source>
        <translation>藏品</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="21"/>
        <source>Exhibition panels</source>
        <translation>展板</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="22"/>
        <source>Parts of the exhibition</source>
        <translation>展览单元</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="22"/>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="23"/>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="23"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="36"/>
        <source>Type a name, a place or a word</source>
        <translation>输入人名、地名或关键词</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="42"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="79"/>
        <source>%1: %2 of %3</source>
        <translation>%1：显示 %2 条，共 %3 条</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="80"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="154"/>
        <source>Chinese: type pinyin, for example hengyang, then choose 衡阳 above the keys.</source>
        <translation>中文请用拼音输入：例如输入 hengyang，再在键盘上方选择“衡阳”。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="155"/>
        <source>Type English words, names in pinyin such as fang xianjue, or a number such as HY1944.0001.</source>
        <translation>可输入英文单词、拼音人名（如 fang xianjue）或藏品编号（如 HY1944.0001）。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="152"/>
        <source>Nothing found for “%1”.</source>
        <translation>没有找到与“%1”相关的内容。</translation>
    </message>
</context>
<context>
    <name>SectionScreen</name>
    <message>
        <location filename="../kiosk/qml/SectionScreen.qml" line="103"/>
        <source>Objects: %1</source>
        <translation>展品：%1 件</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SectionScreen.qml" line="118"/>
        <source>The panels of this part are still being prepared.</source>
        <translation>本单元的展板正在准备中。</translation>
    </message>
</context>
<context>
    <name>SourcesDrawer</name>
    <message>
        <location filename="../kiosk/qml/SourcesDrawer.qml" line="30"/>
        <source>Hide the sources</source>
        <translation>收起资料来源</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SourcesDrawer.qml" line="39"/>
        <source>Sources (%1)</source>
        <extracomment>the sources drawer&apos;s handle; %1 is how many sources</extracomment>
        <translation>资料来源（%1）</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SourcesDrawer.qml" line="116"/>
        <source>cited at %1</source>
        <translation>引用处：%1</translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <location filename="../kiosk/qml/StillThere.qml" line="26"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/StillThere.qml" line="36"/>
        <source>Touch the screen to keep exploring.</source>
        <translation>轻触屏幕继续参观。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/StillThere.qml" line="45"/>
        <source>Back to the start in %1 s</source>
        <translation>%1 秒后回到首页</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/StillThere.qml" line="54"/>
        <source>Keep exploring</source>
        <translation>继续浏览</translation>
    </message>
</context>
<context>
    <name>TimelineDay</name>
    <message>
        <location filename="../kiosk/qml/TimelineDay.qml" line="23"/>
        <source>Day %1</source>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineDay.qml" line="34"/>
        <source>Day not recorded</source>
        <translation>具体日期不详</translation>
    </message>
</context>
<context>
    <name>TimelineScreen</name>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="70"/>
        <source>The siege: 47 days, 23 June – 8 August 1944</source>
        <translation>围城四十七天：1944年6月23日至8月8日</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="71"/>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="87"/>
        <source>Before the siege: the campaign</source>
        <translation>围城之前：长衡会战</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="72"/>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="102"/>
        <source>After the siege</source>
        <translation>围城之后</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="86"/>
        <source>Before</source>
        <translation>战前</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="94"/>
        <source>The 47 days</source>
        <translation>四十七天</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="101"/>
        <source>After</source>
        <translation>战后</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="177"/>
        <source>No dated events yet.</source>
        <translation>暂无有日期的事件。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="204"/>
        <source>Later events</source>
        <translation>后面的事件</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="18"/>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="24"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="35"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="41"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="47"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="55"/>
        <source>Text %1%</source>
        <extracomment>the text-size control; %1 is a percentage such as 125</extracomment>
        <translation>字号 %1%</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="64"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="64"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="19"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="57"/>
        <source>Text size %1 percent: touch for the next size</source>
        <extracomment>what a screen reader says for the text-size control; %1 is a percentage</extracomment>
        <translation>字号 %1%：轻触换下一档</translation>
    </message>
</context>
<context>
    <name>style</name>
    <message>
        <location filename="../kiosk/qml/keyboard/QtQuick/VirtualKeyboard/Styles/kiosk/style.qml" line="126"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/keyboard/QtQuick/VirtualKeyboard/Styles/kiosk/style.qml" line="134"/>
        <source>Hide</source>
        <translation>收起</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/keyboard/QtQuick/VirtualKeyboard/Styles/kiosk/style.qml" line="146"/>
        <source>space (first word)</source>
        <translation>空格（选第一个词）</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/keyboard/QtQuick/VirtualKeyboard/Styles/kiosk/style.qml" line="146"/>
        <source>space</source>
        <translation>空格</translation>
    </message>
</context>
</TS>
