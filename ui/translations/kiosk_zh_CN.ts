<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="55"/>
        <source>The Defence of Hengyang</source>
        <translation>衡阳保卫战</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="64"/>
        <source>23 June – 8 August 1944: forty-seven days</source>
        <translation>1944年6月23日至8月8日：四十七天</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="73"/>
        <source>Touch the screen to begin</source>
        <translation>轻触屏幕开始参观</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="103"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/AttractScreen.qml" line="111"/>
        <source>English</source>
        <translation>English</translation>
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
        <location filename="../kiosk/qml/DetailDrawer.qml" line="75"/>
        <source>Related</source>
        <translation>相关内容</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/DetailDrawer.qml" line="86"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="15"/>
        <source>The Defence of Hengyang</source>
        <translation>衡阳保卫战</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="24"/>
        <source>Choose a part of the exhibition</source>
        <translation>请选择展览单元</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="66"/>
        <source>Part %1</source>
        <translation>第%1单元</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="95"/>
        <source>Panels: %1</source>
        <translation>展板：%1 块</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="106"/>
        <source>This exhibition has no sections yet.</source>
        <translation>本展览尚无展览单元。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="122"/>
        <source>The 47 days: timeline</source>
        <translation>四十七天：时间线</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="129"/>
        <source>Map of the battle</source>
        <translation>战场地图</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/HomeScreen.qml" line="136"/>
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
        <location filename="../kiosk/qml/MapScreen.qml" line="14"/>
        <source>Hengyang, 1944: the positions</source>
        <translation>1944年的衡阳：阵地示意</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="118"/>
        <source>No places with coordinates yet.</source>
        <translation>暂无带坐标的地点。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="132"/>
        <source>River</source>
        <translation>河流</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="137"/>
        <source>Railway</source>
        <translation>铁路</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="142"/>
        <source>Place: touch it to see what happened there</source>
        <translation>地点：点一下，看看那里发生了什么</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/MapScreen.qml" line="146"/>
        <source>Schematic, not to scale; most positions are estimates.</source>
        <translation>示意图，未按比例绘制；多数位置为估计。</translation>
    </message>
</context>
<context>
    <name>ObjectScreen</name>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="102"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="103"/>
        <source>Material</source>
        <translation>质地</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="104"/>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="105"/>
        <source>Weight</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="106"/>
        <source>Credit</source>
        <translation>鸣谢</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="146"/>
        <source>Inscription</source>
        <translation>铭文</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="152"/>
        <source>People</source>
        <translation>相关人物</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="153"/>
        <source>Places</source>
        <translation>相关地点</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="154"/>
        <source>Events</source>
        <translation>相关事件</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/ObjectScreen.qml" line="155"/>
        <source>On the panels</source>
        <translation>所在展板</translation>
    </message>
</context>
<context>
    <name>PanelScreen</name>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="137"/>
        <source>No objects are shown with this panel.</source>
        <translation>这块展板没有配展品。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="154"/>
        <source>‹ Previous</source>
        <translation>‹ 上一块</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="170"/>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 块</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/PanelScreen.qml" line="182"/>
        <source>Next ›</source>
        <translation>下一块 ›</translation>
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
    <name>SearchScreen</name>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="25"/>
        <source>Type a name, a place or a word</source>
        <translation>输入人名、地名或关键词</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="38"/>
        <source>Chinese: type pinyin, for example hengyang, then choose 衡阳 above the keys.</source>
        <translation>中文请用拼音输入：例如输入 hengyang，再在键盘上方选择“衡阳”。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="39"/>
        <source>Type English words, names in pinyin such as fang xianjue, or a number such as HY1944.0001.</source>
        <translation>可输入英文单词、拼音人名（如 fang xianjue）或藏品编号（如 HY1944.0001）。</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="89"/>
        <source>Object</source>
        <translation>展品</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="89"/>
        <source>Panel</source>
        <translation>展板</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="90"/>
        <source>Part of the exhibition</source>
        <translation>展览单元</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="90"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="91"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="91"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SearchScreen.qml" line="119"/>
        <source>Nothing found for “%1”.</source>
        <translation>没有找到与“%1”相关的内容。</translation>
    </message>
</context>
<context>
    <name>SectionScreen</name>
    <message>
        <location filename="../kiosk/qml/SectionScreen.qml" line="87"/>
        <source>Objects: %1</source>
        <translation>展品：%1 件</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/SectionScreen.qml" line="101"/>
        <source>The panels of this part are still being prepared.</source>
        <translation>本单元的展板正在准备中。</translation>
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
    <name>TimelineScreen</name>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="25"/>
        <source>Forty-seven days: 23 June – 8 August 1944</source>
        <translation>四十七天：1944年6月23日至8月8日</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="33"/>
        <source>The campaign before</source>
        <translation>战前会战</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="34"/>
        <source>The siege</source>
        <translation>围城四十七天</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="35"/>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="93"/>
        <source>Afterwards</source>
        <translation>战后</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="57"/>
        <source>23 June</source>
        <translation>6月23日</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="58"/>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="92"/>
        <source>Day %1</source>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="59"/>
        <source>8 August</source>
        <translation>8月8日</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="93"/>
        <source>Before the siege</source>
        <translation>围城之前</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TimelineScreen.qml" line="135"/>
        <source>No dated events yet.</source>
        <translation>暂无有日期的事件。</translation>
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
        <location filename="../kiosk/qml/TopBar.qml" line="23"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="34"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="40"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="46"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="54"/>
        <source>Text %1%</source>
        <extracomment>the text-size control; %1 is a percentage such as 125</extracomment>
        <translation>字号 %1%</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="61"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../kiosk/qml/TopBar.qml" line="61"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
</context>
</TS>
