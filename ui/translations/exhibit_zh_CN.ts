<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchiveOpening</name>
    <message>
        <location filename="../app.py" line="81"/>
        <source>The archive was restored from %1. The state before it was kept in %2.</source>
        <translation>档案已从 %1 恢复。恢复前的状态保存在 %2。</translation>
    </message>
    <message>
        <location filename="../app.py" line="82"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../app.py" line="85"/>
        <location filename="../app.py" line="101"/>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location filename="../app.py" line="89"/>
        <source>The archive is damaged</source>
        <translation>档案已损坏</translation>
    </message>
    <message>
        <location filename="../app.py" line="93"/>
        <source>Restore the newest good backup now? The damaged file is kept aside unchanged.</source>
        <translation>现在恢复最新的完好备份吗？损坏的文件会原样另存，不作改动。</translation>
    </message>
    <message>
        <location filename="../app.py" line="104"/>
        <source>The archive cannot be opened</source>
        <translation>无法打开档案</translation>
    </message>
    <message>
        <location filename="../app.py" line="107"/>
        <source>another Exhibit window</source>
        <translation>另一个 Exhibit 窗口</translation>
    </message>
    <message>
        <location filename="../app.py" line="108"/>
        <source>This archive is open in %1, so this window only reads it. Close it there to edit here.</source>
        <translation>此档案已在 %1 中打开，本窗口只能查看。请先在那里关闭，才能在这里编辑。</translation>
    </message>
    <message>
        <location filename="../app.py" line="110"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../curator/commands/undo.py" line="64"/>
        <source>Cannot undo or redo</source>
        <translation>无法撤销或重做</translation>
    </message>
</context>
<context>
    <name>CrashReport</name>
    <message>
        <location filename="../common/crash.py" line="30"/>
        <source>Something went wrong and Exhibit could not finish what it was doing. No crash log could be written.</source>
        <translation>出现意外错误，Exhibit 未能完成当前操作。无法写入故障日志。</translation>
    </message>
    <message>
        <location filename="../common/crash.py" line="33"/>
        <source>Something went wrong and Exhibit could not finish what it was doing. The details were written to %1; please send that file to whoever looks after Exhibit.</source>
        <translation>出现意外错误，Exhibit 未能完成当前操作。详细信息已写入 %1；请把该文件发给负责维护 Exhibit 的人员。</translation>
    </message>
    <message>
        <location filename="../common/crash.py" line="109"/>
        <source>Exhibit</source>
        <translation>Exhibit</translation>
    </message>
</context>
<context>
    <name>CuratorWindow</name>
    <message>
        <location filename="../curator/window.py" line="225"/>
        <source>Exhibit — Defence of Hengyang archive</source>
        <translation>Exhibit — 衡阳保卫战档案</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="229"/>
        <source>Record types</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="230"/>
        <source>Search: Chinese, pinyin, English or accession number</source>
        <translation>搜索：中文、拼音、英文或总登记号</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="231"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="232"/>
        <location filename="../curator/window.py" line="234"/>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="233"/>
        <location filename="../curator/window.py" line="235"/>
        <source>To date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="236"/>
        <source>Category filter</source>
        <translation>类别筛选</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="237"/>
        <source>Section filter</source>
        <translation>单元筛选</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="238"/>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="239"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="240"/>
        <source>Show thumbnails (Ctrl+G)</source>
        <translation>显示缩略图 (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="241"/>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="242"/>
        <source>Thumbnails</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="243"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="243"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="243"/>
        <source>Links</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="244"/>
        <source>Kiosk preview</source>
        <translation>触摸屏预览</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="244"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="246"/>
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="247"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="248"/>
        <source>&amp;Delete record…</source>
        <translation>删除记录(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="249"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="250"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="251"/>
        <source>&amp;Print labels or catalogue…</source>
        <translation>打印标签或图录(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="252"/>
        <source>&amp;Import a spreadsheet…</source>
        <translation>导入表格(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="253"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="254"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="255"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="256"/>
        <source>&amp;Thumbnail grid</source>
        <translation>缩略图网格(&amp;T)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="257"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="258"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="259"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="260"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="284"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="287"/>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="290"/>
        <source>All sections</source>
        <translation>全部单元</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/window.py" line="346"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="518"/>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="524"/>
        <source>Delete record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="525"/>
        <source>Delete %1?</source>
        <translation>确定要删除“%1”吗？</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/window.py" line="527"/>
        <source>It is linked to %n record(s); the links will be removed too:</source>
        <translation>
            <numerusform>它与 %n 条记录相关联，这些关联也将一并删除：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <location filename="../curator/editor/forms.py" line="109"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../curator/editor/history.py" line="33"/>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="34"/>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="35"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="36"/>
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="37"/>
        <source>Reordered</source>
        <translation>调整顺序</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="38"/>
        <source>Images reordered</source>
        <translation>调整图像顺序</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="152"/>
        <location filename="../curator/editor/history.py" line="154"/>
        <source>Change history</source>
        <translation>修改历史</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="153"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="153"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="153"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="153"/>
        <source>Changes</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="155"/>
        <source>Movements</source>
        <translation>位置变动</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../curator/editor/viewer.py" line="278"/>
        <source>No image</source>
        <translation>无图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="279"/>
        <source>Image %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="282"/>
        <source>original %1 × %2 px</source>
        <translation>原图 %1 × %2 像素</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="290"/>
        <source>cannot show this image: %1</source>
        <translation>无法显示此图像：%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="292"/>
        <source>original</source>
        <translation>原图</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="292"/>
        <source>screen copy</source>
        <translation>屏显副本</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="293"/>
        <source>showing the %1, %2 × %3 px</source>
        <translation>当前显示%1，%2 × %3 像素</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="300"/>
        <source>Image — %1</source>
        <translation>图像 — %1</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="300"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="301"/>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="302"/>
        <source>Previous image</source>
        <translation>上一张图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="303"/>
        <source>Previous image (Page Up)</source>
        <translation>上一张图像 (Page Up)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="304"/>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="305"/>
        <source>Next image</source>
        <translation>下一张图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="306"/>
        <source>Next image (Page Down)</source>
        <translation>下一张图像 (Page Down)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="309"/>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="310"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="311"/>
        <source>Zoom out (-, mouse wheel)</source>
        <translation>缩小 (-, 鼠标滚轮)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="312"/>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="313"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="314"/>
        <source>Zoom in (+, mouse wheel)</source>
        <translation>放大 (+, 鼠标滚轮)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="315"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="316"/>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="317"/>
        <source>Fit the image to the window (0)</source>
        <translation>使图像适应窗口大小 (0)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="318"/>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="319"/>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="320"/>
        <source>Show at 100 % (1)</source>
        <translation>按 100% 显示 (1)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="321"/>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="322"/>
        <source>Show the original file</source>
        <translation>显示原始文件</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="323"/>
        <source>Load the full-size original instead of the screen copy</source>
        <translation>加载全尺寸原图，而非屏显副本</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="324"/>
        <source>Image; drag to pan, wheel to zoom</source>
        <translation>图像；拖动可平移，滚动滚轮可缩放</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="326"/>
        <source>(no Chinese caption)</source>
        <translation>（无中文图注）</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="327"/>
        <source>(no English caption)</source>
        <translation>（无英文图注）</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="328"/>
        <source>Chinese caption</source>
        <translation>中文图注</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="329"/>
        <source>English caption</source>
        <translation>英文图注</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="331"/>
        <source>Image details</source>
        <translation>图像信息</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../curator/image_import.py" line="236"/>
        <source>%n imported</source>
        <translation>
            <numerusform>已导入 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/image_import.py" line="238"/>
        <source>%n already in the archive</source>
        <translation>
            <numerusform>%n 个已在档案中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/image_import.py" line="240"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="243"/>
        <source>cancelled; the images imported so far are kept</source>
        <translation>已取消；已导入的图像将保留</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="248"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="249"/>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="251"/>
        <source>Cancelling after the current file…</source>
        <translation>将在当前文件完成后取消…</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="253"/>
        <source>Importing image %1 of %2</source>
        <translation>正在导入第 %1 张图像，共 %2 张</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="256"/>
        <source>Looking for image files…</source>
        <translation>正在查找图像文件…</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="259"/>
        <source>Import images</source>
        <translation>导入图像</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="261"/>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="262"/>
        <source>File being imported</source>
        <translation>正在导入的文件</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="264"/>
        <source>Import summary</source>
        <translation>导入摘要</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="265"/>
        <source>Files that could not be imported:</source>
        <translation>无法导入的文件：</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="266"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="266"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="267"/>
        <source>Files that could not be imported</source>
        <translation>无法导入的文件</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="270"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="271"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="275"/>
        <location filename="../curator/image_import.py" line="276"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>LinksEditor</name>
    <message>
        <location filename="../curator/editor/links.py" line="76"/>
        <location filename="../curator/editor/links.py" line="114"/>
        <location filename="../curator/editor/links.py" line="117"/>
        <source>Objects</source>
        <translation>藏品</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="77"/>
        <source>Media</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="78"/>
        <source>Sections</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="79"/>
        <location filename="../curator/editor/links.py" line="113"/>
        <location filename="../curator/editor/links.py" line="116"/>
        <source>Panels</source>
        <translation>展板</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="80"/>
        <location filename="../curator/editor/links.py" line="105"/>
        <location filename="../curator/editor/links.py" line="108"/>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="81"/>
        <location filename="../curator/editor/links.py" line="106"/>
        <location filename="../curator/editor/links.py" line="109"/>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="82"/>
        <location filename="../curator/editor/links.py" line="107"/>
        <location filename="../curator/editor/links.py" line="115"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="83"/>
        <source>Sources</source>
        <translation>文献</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="104"/>
        <source>Objects on this panel</source>
        <translation>本展板的藏品</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="110"/>
        <source>Shown on panels</source>
        <translation>所在展板</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="111"/>
        <source>People involved</source>
        <translation>相关人物</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="112"/>
        <source>Told on panels</source>
        <translation>讲述此事件的展板</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="363"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="365"/>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="366"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="368"/>
        <source>Remove the selected %1</source>
        <translation>移除所选%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="369"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="370"/>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="371"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="372"/>
        <source>Alt+Down</source>
        <translation>Alt+Down</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="374"/>
        <source>Edited on the %1 themselves; double-click one to open it.</source>
        <translation>请在各%1记录中编辑；双击即可打开。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="378"/>
        <source>Nothing linked yet: use Add… or drop records here.</source>
        <translation>尚无关联：请使用“添加…”，或将记录拖放到此处。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="436"/>
        <source>Links</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="440"/>
        <source>Choose a record to see its links.</source>
        <translation>选择一条记录以查看其关联。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="444"/>
        <source>A section holds panels: arrange them in the exhibition structure.</source>
        <translation>单元包含展板：请在展览结构中编排。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="446"/>
        <source>This kind of record has no links.</source>
        <translation>此类记录没有关联。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="523"/>
        <source>%1 #%2 (missing)</source>
        <translation>%1 #%2（缺失）</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="630"/>
        <location filename="../curator/editor/links.py" line="638"/>
        <source>%1 cannot be linked here.</source>
        <translation>此处不能关联%1。</translation>
    </message>
</context>
<context>
    <name>MediaForm</name>
    <message>
        <location filename="../curator/editor/forms.py" line="63"/>
        <source>Date</source>
        <translation>拍摄日期</translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <location filename="../curator/editor/media.py" line="308"/>
        <source>Primary / 主图</source>
        <translation>主图</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="398"/>
        <source>An import is still running; wait for it or cancel it first.</source>
        <translation>仍有导入正在进行；请等待其完成或先将其取消。</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="520"/>
        <source>&amp;Images</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="522"/>
        <source>&amp;Images (%1)</source>
        <translation>图像（%1）(&amp;I)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="523"/>
        <source>Drop image files or folders here to add them to this record.</source>
        <translation>将图像文件或文件夹拖放到此处，即可添加到此记录。</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="524"/>
        <source>No record chosen.</source>
        <translation>未选择记录。</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="525"/>
        <source>Images of this record, primary first</source>
        <translation>此记录的图像（主图在前）</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="527"/>
        <source>Enter opens the image; Ctrl+Left and Ctrl+Right move it; Delete removes it from the record.</source>
        <translation>按 Enter 打开图像；按 Ctrl+Left 和 Ctrl+Right 移动图像；按 Delete 将其从记录中移除。</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="528"/>
        <source>Add images…</source>
        <translation>添加图像…</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="147"/>
        <location filename="../curator/editor/media.py" line="529"/>
        <source>Add images</source>
        <translation>添加图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="148"/>
        <source>Images (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.gif *.bmp);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.gif *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="530"/>
        <source>Import image files and add them to this record</source>
        <translation>导入图像文件并添加到此记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="531"/>
        <source>Set as primary</source>
        <translation>设为主图</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="532"/>
        <source>Set as primary image</source>
        <translation>设为主图</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="533"/>
        <source>Make the selected image the first, primary image (Ctrl+P)</source>
        <translation>将所选图像设为首张主图 (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="534"/>
        <source>◀ Move left</source>
        <translation>◀ 左移</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="535"/>
        <source>Move image left</source>
        <translation>左移图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="536"/>
        <source>Move the selected image one place earlier (Ctrl+Left)</source>
        <translation>将所选图像前移一位 (Ctrl+Left)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="537"/>
        <source>Move right ▶</source>
        <translation>右移 ▶</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="538"/>
        <source>Move image right</source>
        <translation>右移图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="539"/>
        <source>Move the selected image one place later (Ctrl+Right)</source>
        <translation>将所选图像后移一位 (Ctrl+Right)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="540"/>
        <source>Remove from record</source>
        <translation>从记录中移除</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="541"/>
        <source>Remove image from record</source>
        <translation>从记录中移除图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="543"/>
        <source>Take the selected image off this record; the file stays in the archive (Delete)</source>
        <translation>将所选图像从此记录中移除；文件仍保留在档案中 (Delete)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="544"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="545"/>
        <source>Open image viewer</source>
        <translation>打开图像查看器</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="546"/>
        <source>Show the selected image larger (Enter, double-click)</source>
        <translation>放大显示所选图像 (Enter 或双击)</translation>
    </message>
</context>
<context>
    <name>MovementForm</name>
    <message>
        <location filename="../curator/editor/forms.py" line="134"/>
        <source>Date</source>
        <translation>移动日期</translation>
    </message>
</context>
<context>
    <name>MovementsView</name>
    <message>
        <location filename="../curator/editor/history.py" line="269"/>
        <location filename="../curator/editor/history.py" line="273"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="269"/>
        <source>Location</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="269"/>
        <location filename="../curator/editor/history.py" line="274"/>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="270"/>
        <source>Moved by</source>
        <translation>经手人</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="271"/>
        <source>Movements</source>
        <translation>位置变动</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="272"/>
        <location filename="../curator/editor/history.py" line="275"/>
        <source>New location</source>
        <translation>新存放位置</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="276"/>
        <source>Date of the movement</source>
        <translation>变动日期</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="277"/>
        <source>e.g. 2025-03-14 or 2025年3月</source>
        <translation>例如 2025-03-14 或 2025年3月</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="278"/>
        <source>Reason for the movement</source>
        <translation>变动事由</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="279"/>
        <location filename="../curator/editor/history.py" line="280"/>
        <source>Record movement</source>
        <translation>登记位置变动</translation>
    </message>
</context>
<context>
    <name>PanelPreview</name>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="154"/>
        <source>No panel to preview</source>
        <translation>没有可预览的展板</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="169"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="212"/>
        <source>(no text in this language yet)</source>
        <translation>（暂无该语言的文字）</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="254"/>
        <source>scroll for more ▾</source>
        <translation>滑动查看更多 ▾</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="281"/>
        <source>No objects on this panel yet</source>
        <translation>本展板暂无藏品</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="367"/>
        <source>Kiosk preview</source>
        <translation>触摸屏预览</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="368"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="369"/>
        <source>Preview the Chinese text</source>
        <translation>预览中文文本</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="370"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="371"/>
        <source>Preview the English text</source>
        <translation>预览英文文本</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="372"/>
        <source>Panel as shown on the kiosk</source>
        <translation>展板在触摸屏上的显示效果</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <location filename="../curator/editor/forms.py" line="92"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
</context>
<context>
    <name>PlaceForm</name>
    <message>
        <location filename="../curator/editor/forms.py" line="101"/>
        <source>Name</source>
        <translation>地名</translation>
    </message>
</context>
<context>
    <name>RecordCommands</name>
    <message>
        <location filename="../curator/commands/records.py" line="113"/>
        <source>Create %1</source>
        <translation>新建%1</translation>
    </message>
    <message>
        <location filename="../curator/commands/records.py" line="131"/>
        <source>Cannot undo the edit of %1: it has been changed since (elsewhere, or by a later edit).</source>
        <translation>无法撤销对%1的编辑：该记录此后已被修改（在别处修改，或由之后的编辑修改）。</translation>
    </message>
    <message>
        <location filename="../curator/commands/records.py" line="137"/>
        <source>Cannot redo the edit of %1: it has been changed since (elsewhere, or by a later edit).</source>
        <translation>无法重做对%1的编辑：该记录此后已被修改（在别处修改，或由之后的编辑修改）。</translation>
    </message>
    <message>
        <location filename="../curator/commands/records.py" line="142"/>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <location filename="../curator/commands/records.py" line="170"/>
        <source>Delete %1</source>
        <translation>删除%1</translation>
    </message>
    <message>
        <location filename="../curator/commands/records.py" line="208"/>
        <source>Move %1 to %2</source>
        <translation>将%1移至%2</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../curator/editor/forms.py" line="43"/>
        <source>Accession number</source>
        <translation>总登记号</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="44"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="45"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="46"/>
        <source>Date</source>
        <translation>年代</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="47"/>
        <source>Material</source>
        <translation>质地</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="48"/>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="49"/>
        <source>Weight</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="50"/>
        <source>Condition</source>
        <translation>完残程度</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="51"/>
        <source>Grade</source>
        <translation>文物级别</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="52"/>
        <source>Acquired by</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="53"/>
        <source>Acquisition date</source>
        <translation>入藏时间</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="54"/>
        <source>Credit line</source>
        <translation>鸣谢</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="55"/>
        <location filename="../curator/editor/forms.py" line="133"/>
        <source>Location</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="56"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="57"/>
        <location filename="../curator/editor/forms.py" line="105"/>
        <location filename="../curator/editor/forms.py" line="112"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="58"/>
        <source>Inscription</source>
        <translation>铭文</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="61"/>
        <source>Caption</source>
        <translation>图注</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="62"/>
        <source>Creator</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="64"/>
        <source>Rights</source>
        <translation>版权</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="65"/>
        <source>Illustration (not a historical photograph)</source>
        <translation>示意图（非历史照片）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="66"/>
        <source>Original file name</source>
        <translation>原始文件名</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="67"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="68"/>
        <source>MIME type</source>
        <translation>MIME 类型</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="69"/>
        <source>Width (pixels)</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="70"/>
        <source>Height (pixels)</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="71"/>
        <source>File size (bytes)</source>
        <translation>文件大小（字节）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="72"/>
        <source>Date in the file (EXIF)</source>
        <translation>文件内日期（EXIF）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="73"/>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="74"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="75"/>
        <source>Stored as</source>
        <translation>存储路径</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="78"/>
        <location filename="../curator/editor/forms.py" line="84"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="79"/>
        <location filename="../curator/editor/forms.py" line="86"/>
        <location filename="../curator/editor/forms.py" line="110"/>
        <location filename="../curator/editor/forms.py" line="117"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="80"/>
        <source>Introduction</source>
        <translation>导语</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="81"/>
        <location filename="../curator/editor/forms.py" line="88"/>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="85"/>
        <location filename="../curator/editor/forms.py" line="149"/>
        <source>Section</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="87"/>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="91"/>
        <location filename="../curator/editor/forms.py" line="100"/>
        <location filename="../curator/editor/forms.py" line="108"/>
        <location filename="../curator/editor/forms.py" line="115"/>
        <source>Key</source>
        <translation>标识键</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="93"/>
        <source>Side</source>
        <translation>所属方</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="94"/>
        <source>Born</source>
        <translation>出生</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="95"/>
        <source>Died</source>
        <translation>逝世</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="96"/>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="97"/>
        <source>Biography</source>
        <translation>生平</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="102"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="103"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="104"/>
        <source>Coordinates based on</source>
        <translation>坐标依据</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="111"/>
        <location filename="../curator/editor/forms.py" line="152"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="116"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="118"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="119"/>
        <source>Publisher</source>
        <translation>出版者</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="120"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="121"/>
        <source>URL</source>
        <translation>网址</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="122"/>
        <source>Reliability</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="125"/>
        <source>Cited record type</source>
        <translation>被引记录类型</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="126"/>
        <source>Cited record</source>
        <translation>被引记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="127"/>
        <location filename="../curator/editor/forms.py" line="154"/>
        <source>Source</source>
        <translation>文献</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="128"/>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="129"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="132"/>
        <location filename="../curator/editor/forms.py" line="147"/>
        <source>Object</source>
        <translation>藏品</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="135"/>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="136"/>
        <source>Moved by</source>
        <translation>经手人</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="141"/>
        <source>Record number</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="142"/>
        <source>Sample content</source>
        <translation>示例内容</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="143"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="144"/>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="148"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="150"/>
        <source>Panel</source>
        <translation>展板</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="151"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="153"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="155"/>
        <source>Citation</source>
        <translation>引用</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="156"/>
        <source>Movement</source>
        <translation>位置变动</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="542"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="543"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="544"/>
        <location filename="../curator/editor/forms.py" line="549"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="545"/>
        <source>Save the record</source>
        <translation>保存记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="546"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="547"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="548"/>
        <source>Revert to the saved record</source>
        <translation>还原为已保存的记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="555"/>
        <source>%1 (Chinese)</source>
        <translation>%1（中文）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="557"/>
        <source>%1 (English)</source>
        <translation>%1（英文）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="562"/>
        <source>%1 as understood</source>
        <translation>%1（系统解读）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="564"/>
        <source>Problem with %1</source>
        <translation>%1有误</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="565"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="577"/>
        <source>New %1</source>
        <translation>新建%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="607"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="607"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="731"/>
        <source>This record has been deleted (elsewhere, or by undo). It can no longer be saved; copy any text you want to keep.</source>
        <translation>此记录已被删除（在别处删除，或因撤销操作）。它已无法保存；请复制需要保留的文字。</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="734"/>
        <source>This record was changed elsewhere while you were editing it. Saving will replace those changes; Revert shows them.</source>
        <translation>你编辑期间，此记录已在别处被修改。保存将覆盖这些修改；点击“还原”可查看它们。</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="791"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="792"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1有未保存的更改。是否保存？</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <location filename="../curator/editor/picker.py" line="80"/>
        <source>Choose %1</source>
        <translation>选择%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="81"/>
        <source>&amp;Search %1:</source>
        <translation>搜索%1(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="82"/>
        <source>Chinese, pinyin, English or identifier</source>
        <translation>中文、拼音、英文或标识</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="83"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="84"/>
        <source>Identifier</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="84"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="84"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="85"/>
        <source>Records found</source>
        <translation>找到的记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="86"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="87"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="123"/>
        <source>Already linked</source>
        <translation>已关联</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/editor/picker.py" line="132"/>
        <source>%n record(s) listed</source>
        <translation>
            <numerusform>已列出 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="134"/>
        <source>Nothing found</source>
        <translation>未找到任何结果</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="136"/>
        <source>%1 found</source>
        <translation>找到 %1 条</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../curator/models.py" line="89"/>
        <source>Accession no.</source>
        <translation>总登记号</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="90"/>
        <location filename="../curator/models.py" line="101"/>
        <source>Name (Chinese)</source>
        <translation>名称(中文)</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="91"/>
        <location filename="../curator/models.py" line="102"/>
        <source>Name (English)</source>
        <translation>名称(英文)</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="92"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="93"/>
        <location filename="../curator/models.py" line="104"/>
        <source>Date</source>
        <translation>年代</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="94"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="97"/>
        <source>Title (Chinese)</source>
        <translation>标题(中文)</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="98"/>
        <source>Title (English)</source>
        <translation>标题(英文)</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="105"/>
        <source>Key</source>
        <translation>标识键</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="106"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="110"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="111"/>
        <source>Caption (Chinese)</source>
        <translation>图注(中文)</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="112"/>
        <source>Caption (English)</source>
        <translation>图注(英文)</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="116"/>
        <source>Born</source>
        <translation>出生</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="120"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="121"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../curator/models.py" line="122"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
</context>
<context>
    <name>RecordTypes</name>
    <message>
        <location filename="../curator/window.py" line="34"/>
        <source>Objects</source>
        <translation>藏品</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="35"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="36"/>
        <source>Sections</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="37"/>
        <source>Panels</source>
        <translation>展板</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="38"/>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="39"/>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="40"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="41"/>
        <source>Sources</source>
        <translation>文献</translation>
    </message>
</context>
<context>
    <name>StructureTree</name>
    <message>
        <location filename="../curator/structure.py" line="73"/>
        <source>Chinese title</source>
        <translation>中文标题</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="73"/>
        <source>English title</source>
        <translation>英文标题</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="73"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="74"/>
        <source>Exhibition structure</source>
        <translation>展览结构</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="76"/>
        <source>Sections and their panels in exhibition order. Alt+Up and Alt+Down move the selected row.</source>
        <translation>按展览顺序排列的单元及其展板。按 Alt+Up 和 Alt+Down 可移动所选行。</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="77"/>
        <source>Drag to reorder, or press Alt+Up / Alt+Down</source>
        <translation>拖动以调整顺序，或按 Alt+Up / Alt+Down</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="81"/>
        <location filename="../curator/structure.py" line="109"/>
        <source>No section</source>
        <translation>未分单元</translation>
    </message>
</context>
</TS>
