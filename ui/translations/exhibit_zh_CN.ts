<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchiveOpening</name>
    <message>
        <source>The shared archive cannot be opened</source>
        <translation>无法打开共享档案</translation>
    </message>
    <message>
        <source>%1

The local archive is opened instead.</source>
        <translation>%1

改为打开本机档案。</translation>
    </message>
    <message>
        <source>Your login may only read this shared archive, so this window shows it without editing.</source>
        <translation>你的登录账户只能读取这个共享档案，因此本窗口只显示、不能编辑。</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>Exhibit 展览档案</translation>
    </message>
    <message>
        <source>First start: building the sample exhibition on the Defence of Hengyang (records, illustrations and the search index). This takes a few seconds.</source>
        <translation>首次启动：正在建立衡阳保卫战示例展览（记录、插图和检索索引），需要几秒钟。</translation>
    </message>
    <message>
        <source>Start with an empty archive</source>
        <translation>以空档案启动</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>The sample was not loaded</source>
        <translation>示例展览未能载入</translation>
    </message>
    <message>
        <location filename="../app.py" line="81"/>
        <source>The archive was restored from %1. The state before it was kept in %2.</source>
        <translation>档案已从 %1 恢复。恢复前的状态保存在 %2。</translation>
    </message>
    <message>
        <location filename="../app.py" line="83"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../app.py" line="86"/>
        <location filename="../app.py" line="102"/>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location filename="../app.py" line="90"/>
        <source>The archive is damaged</source>
        <translation>档案已损坏</translation>
    </message>
    <message>
        <location filename="../app.py" line="94"/>
        <source>Restore the newest good backup now? The damaged file is kept aside unchanged.</source>
        <translation>现在恢复最新的完好备份吗？损坏的文件会原样另存，不作改动。</translation>
    </message>
    <message>
        <location filename="../app.py" line="105"/>
        <source>The archive cannot be opened</source>
        <translation>无法打开档案</translation>
    </message>
    <message>
        <location filename="../app.py" line="110"/>
        <source>another Exhibit window</source>
        <translation>另一个 Exhibit 窗口</translation>
    </message>
    <message>
        <location filename="../app.py" line="111"/>
        <source>This archive is open in %1, so this window only reads it. Close it there to edit here.</source>
        <translation>此档案已在 %1 中打开，本窗口只能查看。请先在那里关闭，才能在这里编辑。</translation>
    </message>
    <message>
        <location filename="../app.py" line="113"/>
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
        <source>The shared archive's server</source>
        <translation>共享档案的服务器</translation>
    </message>
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
        <location filename="../curator/window.py" line="235"/>
        <source>Exhibit — Defence of Hengyang archive</source>
        <translation>Exhibit — 衡阳保卫战档案</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="278"/>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="239"/>
        <source>Record types</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="240"/>
        <source>Search: Chinese, pinyin, English or accession number</source>
        <translation>搜索：中文、拼音、英文或总登记号</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="241"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="242"/>
        <location filename="../curator/window.py" line="244"/>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="243"/>
        <location filename="../curator/window.py" line="245"/>
        <source>To date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="246"/>
        <source>Category filter</source>
        <translation>类别筛选</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="247"/>
        <source>Section filter</source>
        <translation>单元筛选</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="248"/>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="249"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="250"/>
        <source>Show thumbnails (Ctrl+G)</source>
        <translation>显示缩略图 (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="251"/>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="252"/>
        <source>Thumbnails</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="253"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="253"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="253"/>
        <source>Links</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="254"/>
        <source>Kiosk preview</source>
        <translation>触摸屏预览</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="254"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="256"/>
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="257"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="258"/>
        <source>&amp;Delete record…</source>
        <translation>删除记录(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="259"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="260"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="261"/>
        <source>&amp;Print labels or catalogue…</source>
        <translation>打印标签或图录(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="262"/>
        <source>&amp;Import a spreadsheet…</source>
        <translation>导入表格(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="263"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="264"/>
        <source>&amp;Museum…</source>
        <translation>本馆信息(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="264"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="265"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="266"/>
        <source>&amp;Thumbnail grid</source>
        <translation>缩略图网格(&amp;T)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="267"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="268"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="269"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="270"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="294"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="297"/>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="300"/>
        <source>All sections</source>
        <translation>全部单元</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/window.py" line="356"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="528"/>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="534"/>
        <source>Delete record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <location filename="../curator/window.py" line="535"/>
        <source>Delete %1?</source>
        <translation>确定要删除“%1”吗？</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/window.py" line="537"/>
        <source>It is linked to %n record(s); the links will be removed too:</source>
        <translation>
            <numerusform>它与 %n 条记录相关联，这些关联也将一并删除：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../curator/editor/history.py" line="159"/>
        <location filename="../curator/editor/history.py" line="161"/>
        <source>Change history</source>
        <translation>修改历史</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="160"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="160"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="160"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="160"/>
        <source>Changes</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="162"/>
        <source>Movements</source>
        <translation>位置变动</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../curator/editor/viewer.py" line="287"/>
        <source>No image</source>
        <translation>无图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="288"/>
        <source>Image %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="291"/>
        <source>original %1 × %2 px</source>
        <translation>原图 %1 × %2 像素</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="299"/>
        <source>cannot show this image: %1</source>
        <translation>无法显示此图像：%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="301"/>
        <source>original</source>
        <translation>原图</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="301"/>
        <source>screen copy</source>
        <translation>屏显副本</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="302"/>
        <source>showing the %1, %2 × %3 px</source>
        <translation>当前显示%1，%2 × %3 像素</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="309"/>
        <source>Image — %1</source>
        <translation>图像 — %1</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="309"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="310"/>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="311"/>
        <source>Previous image</source>
        <translation>上一张图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="312"/>
        <source>Previous image (Page Up)</source>
        <translation>上一张图像 (Page Up)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="313"/>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="314"/>
        <source>Next image</source>
        <translation>下一张图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="315"/>
        <source>Next image (Page Down)</source>
        <translation>下一张图像 (Page Down)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="318"/>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="319"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="320"/>
        <source>Zoom out (-, mouse wheel)</source>
        <translation>缩小 (-, 鼠标滚轮)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="321"/>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="322"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="323"/>
        <source>Zoom in (+, mouse wheel)</source>
        <translation>放大 (+, 鼠标滚轮)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="324"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="325"/>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="326"/>
        <source>Fit the image to the window (0)</source>
        <translation>使图像适应窗口大小 (0)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="327"/>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="328"/>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="329"/>
        <source>Show at 100 % (1)</source>
        <translation>按 100% 显示 (1)</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="330"/>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="331"/>
        <source>Show the original file</source>
        <translation>显示原始文件</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="332"/>
        <source>Load the full-size original instead of the screen copy</source>
        <translation>加载全尺寸原图，而非屏显副本</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="333"/>
        <source>Image; drag to pan, wheel to zoom</source>
        <translation>图像；拖动可平移，滚动滚轮可缩放</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="335"/>
        <source>(no Chinese caption)</source>
        <translation>（无中文图注）</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="336"/>
        <source>(no English caption)</source>
        <translation>（无英文图注）</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="337"/>
        <source>Chinese caption</source>
        <translation>中文图注</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="338"/>
        <source>English caption</source>
        <translation>英文图注</translation>
    </message>
    <message>
        <location filename="../curator/editor/viewer.py" line="340"/>
        <source>Image details</source>
        <translation>图像信息</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../curator/image_import.py" line="225"/>
        <source>%n imported</source>
        <translation>
            <numerusform>已导入 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/image_import.py" line="227"/>
        <source>%n already in the archive</source>
        <translation>
            <numerusform>%n 个已在档案中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/image_import.py" line="229"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="232"/>
        <source>cancelled; the images imported so far are kept</source>
        <translation>已取消；已导入的图像将保留</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="237"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="238"/>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="240"/>
        <source>Cancelling after the current file…</source>
        <translation>将在当前文件完成后取消…</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="242"/>
        <source>Importing image %1 of %2</source>
        <translation>正在导入第 %1 张图像，共 %2 张</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="245"/>
        <source>Looking for image files…</source>
        <translation>正在查找图像文件…</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="248"/>
        <source>Import images</source>
        <translation>导入图像</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="250"/>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="251"/>
        <source>File being imported</source>
        <translation>正在导入的文件</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="253"/>
        <source>Import summary</source>
        <translation>导入摘要</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="254"/>
        <source>Files that could not be imported:</source>
        <translation>无法导入的文件：</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="255"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="255"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="256"/>
        <source>Files that could not be imported</source>
        <translation>无法导入的文件</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="259"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="260"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../curator/image_import.py" line="264"/>
        <location filename="../curator/image_import.py" line="265"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>LinksEditor</name>
    <message>
        <location filename="../curator/editor/links.py" line="114"/>
        <source>Objects on this panel</source>
        <translation>本展板的藏品</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="117"/>
        <source>Shown on panels</source>
        <translation>所在展板</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="118"/>
        <source>People involved</source>
        <translation>相关人物</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="119"/>
        <source>Told on panels</source>
        <translation>讲述此事件的展板</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="375"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="377"/>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="378"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="380"/>
        <source>Remove the selected %1</source>
        <translation>移除所选%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="381"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="382"/>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="383"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="384"/>
        <source>Alt+Down</source>
        <translation>Alt+Down</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="386"/>
        <source>Edited on the %1 themselves; double-click one to open it.</source>
        <translation>请在各%1记录中编辑；双击即可打开。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="390"/>
        <source>Nothing linked yet: use Add… or drop records here.</source>
        <translation>尚无关联：请使用“添加…”，或将记录拖放到此处。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="448"/>
        <source>Links</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="452"/>
        <source>Choose a record to see its links.</source>
        <translation>选择一条记录以查看其关联。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="456"/>
        <source>A section holds panels: arrange them in the exhibition structure.</source>
        <translation>单元包含展板：请在展览结构中编排。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="458"/>
        <source>This kind of record has no links.</source>
        <translation>此类记录没有关联。</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="535"/>
        <source>%1 #%2 (missing)</source>
        <translation>%1 #%2（缺失）</translation>
    </message>
    <message>
        <location filename="../curator/editor/links.py" line="643"/>
        <location filename="../curator/editor/links.py" line="651"/>
        <source>%1 cannot be linked here.</source>
        <translation>此处不能关联%1。</translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <source>This image</source>
        <translation>本图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="310"/>
        <source>Primary</source>
        <translation>主图</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="400"/>
        <source>An import is still running; wait for it or cancel it first.</source>
        <translation>仍有导入正在进行；请等待其完成或先将其取消。</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="509"/>
        <source>&amp;Images</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="511"/>
        <source>&amp;Images (%1)</source>
        <translation>图像（%1）(&amp;I)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="512"/>
        <source>Drop image files or folders here to add them to this record.</source>
        <translation>将图像文件或文件夹拖放到此处，即可添加到此记录。</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="513"/>
        <source>No record chosen.</source>
        <translation>未选择记录。</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="514"/>
        <source>Images of this record, primary first</source>
        <translation>此记录的图像（主图在前）</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="516"/>
        <source>Enter opens the image; Ctrl+Left and Ctrl+Right move it; Delete removes it from the record.</source>
        <translation>按 Enter 打开图像；按 Ctrl+Left 和 Ctrl+Right 移动图像；按 Delete 将其从记录中移除。</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="517"/>
        <source>Add images…</source>
        <translation>添加图像…</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="148"/>
        <location filename="../curator/editor/media.py" line="518"/>
        <source>Add images</source>
        <translation>添加图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="149"/>
        <source>Images (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.gif *.bmp);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.gif *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="519"/>
        <source>Import image files and add them to this record</source>
        <translation>导入图像文件并添加到此记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="520"/>
        <source>Set as primary</source>
        <translation>设为主图</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="521"/>
        <source>Set as primary image</source>
        <translation>设为主图</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="522"/>
        <source>Make the selected image the first, primary image (Ctrl+P)</source>
        <translation>将所选图像设为首张主图 (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="523"/>
        <source>◀ Move left</source>
        <translation>◀ 左移</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="524"/>
        <source>Move image left</source>
        <translation>左移图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="525"/>
        <source>Move the selected image one place earlier (Ctrl+Left)</source>
        <translation>将所选图像前移一位 (Ctrl+Left)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="526"/>
        <source>Move right ▶</source>
        <translation>右移 ▶</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="527"/>
        <source>Move image right</source>
        <translation>右移图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="528"/>
        <source>Move the selected image one place later (Ctrl+Right)</source>
        <translation>将所选图像后移一位 (Ctrl+Right)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="529"/>
        <source>Remove from record</source>
        <translation>从记录中移除</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="530"/>
        <source>Remove image from record</source>
        <translation>从记录中移除图像</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="532"/>
        <source>Take the selected image off this record; the file stays in the archive (Delete)</source>
        <translation>将所选图像从此记录中移除；文件仍保留在档案中 (Delete)</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="533"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="534"/>
        <source>Open image viewer</source>
        <translation>打开图像查看器</translation>
    </message>
    <message>
        <location filename="../curator/editor/media.py" line="535"/>
        <source>Show the selected image larger (Enter, double-click)</source>
        <translation>放大显示所选图像 (Enter 或双击)</translation>
    </message>
</context>
<context>
    <name>MuseumDialog</name>
    <message>
        <location filename="../curator/museum_dialog.py" line="21"/>
        <source>Museum</source>
        <translation>本馆信息</translation>
    </message>
    <message>
        <location filename="../curator/museum_dialog.py" line="22"/>
        <source>LIDO and IIIF exports name this museum as the holder of the objects and the source of the records.</source>
        <translation>LIDO 和 IIIF 导出以本馆作为藏品的收藏单位和著录数据的来源。</translation>
    </message>
</context>
<context>
    <name>MovementsView</name>
    <message>
        <location filename="../curator/editor/history.py" line="279"/>
        <source>Movements</source>
        <translation>位置变动</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="280"/>
        <location filename="../curator/editor/history.py" line="283"/>
        <source>New location</source>
        <translation>新存放位置</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="284"/>
        <source>Date of the movement</source>
        <translation>变动日期</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="285"/>
        <source>e.g. 2025-03-14 or 2025年3月</source>
        <translation>例如 2025-03-14 或 2025年3月</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="286"/>
        <source>Reason for the movement</source>
        <translation>变动事由</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="287"/>
        <location filename="../curator/editor/history.py" line="288"/>
        <source>Record movement</source>
        <translation>登记位置变动</translation>
    </message>
    <message>
        <location filename="../curator/editor/history.py" line="327"/>
        <source>Not read as a date: it is kept as written.</source>
        <translation>未能识别为日期：将按原文保存。</translation>
    </message>
</context>
<context>
    <name>PanelPreview</name>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="165"/>
        <source>No panel to preview</source>
        <translation>没有可预览的展板</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="180"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="224"/>
        <source>(no text in this language yet)</source>
        <translation>（暂无该语言的文字）</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="266"/>
        <source>scroll for more ▾</source>
        <translation>滑动查看更多 ▾</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="293"/>
        <source>No objects on this panel yet</source>
        <translation>本展板暂无藏品</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="379"/>
        <source>Kiosk preview</source>
        <translation>触摸屏预览</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="380"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="381"/>
        <source>Preview the Chinese text</source>
        <translation>预览中文文本</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="382"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="383"/>
        <source>Preview the English text</source>
        <translation>预览英文文本</translation>
    </message>
    <message>
        <location filename="../curator/editor/panel_preview.py" line="384"/>
        <source>Panel as shown on the kiosk</source>
        <translation>展板在触摸屏上的显示效果</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>%field: there is no person with the key &apos;%value&apos; yet; the maker is kept by name and linked when that person is added</source>
        <translation>%field：尚无标识键为“%value”的人物；制作者按名称保存，添加该人物后即关联</translation>
    </message>
    <message>
        <source>%field: cannot read measurements from &apos;%text&apos;: %why; it is kept as written, without measurements</source>
        <translation>%field：无法从“%text”读出测量数据：%why；已按原文保存，无测量数据</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="38"/>
        <source>%field must be text, not %kind</source>
        <translation>%field必须是文本，不能是 %kind</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="39"/>
        <source>%field contains characters that are not valid text</source>
        <translation>%field含有无效的文本字符</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="40"/>
        <source>%field is %length characters long; the limit is %limit</source>
        <translation>%field长 %length 个字符，上限为 %limit 个</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="41"/>
        <source>%field contains a NUL character</source>
        <translation>%field含有 NUL 字符</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="42"/>
        <source>a %field is needed in Chinese or English</source>
        <translation>需要中文或英文的%field</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="43"/>
        <source>%field is required</source>
        <translation>缺少%field</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="44"/>
        <source>%field &apos;%value&apos; is already used by %other</source>
        <translation>%field“%value”已被 %other 使用</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="45"/>
        <source>%field &apos;%value&apos; is not a term of the %vocab vocabulary</source>
        <translation>%field“%value”不是“%vocab”词表中的词条</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="46"/>
        <source>%field: cannot read the date &apos;%text&apos;: %why</source>
        <translation>%field：无法识别日期“%text”：%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="47"/>
        <source>%field: cannot read the date &apos;%text&apos;: %why; it is kept as written, without a date range</source>
        <translation>%field：无法识别日期“%text”：%why；已按原文保存，不设日期范围</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="49"/>
        <source>an event needs a date for the timeline</source>
        <translation>事件需要日期，才能排入时间线</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="50"/>
        <source>latitude %value is outside −90…90</source>
        <translation>纬度 %value 不在 −90…90 之间</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="51"/>
        <source>longitude %value is outside −180…180</source>
        <translation>经度 %value 不在 −180…180 之间</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="52"/>
        <source>%field: %type #%id does not exist</source>
        <translation>%field：%type #%id 不存在</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="53"/>
        <source>%field: %why</source>
        <translation>%field：%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="54"/>
        <source>a record cannot link to itself</source>
        <translation>记录不能关联到自身</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="56"/>
        <source>cannot read the date &apos;%text&apos;: %why</source>
        <translation>无法识别日期“%text”：%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="57"/>
        <source>cannot read the date %text: it is not text</source>
        <translation>无法识别日期 %text：它不是文本</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="58"/>
        <source>cannot read the date &apos;%text&apos;: it contains invalid characters</source>
        <translation>无法识别日期“%text”：其中含有无效字符</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="60"/>
        <source>&apos;%value&apos; is not a number</source>
        <translation>“%value”不是数字</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="61"/>
        <source>write the year &apos;%value&apos; in full, e.g. 1944</source>
        <translation>请把年份“%value”写完整，例如 1944</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="62"/>
        <source>write the decade &apos;%decade&apos; in full, e.g. 1940s</source>
        <translation>请把年代“%decade”写完整，例如 1940s</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="63"/>
        <source>year %value is outside %low–%high</source>
        <translation>年份 %value 不在 %low–%high 之间</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="64"/>
        <source>nothing is dated before the year %value</source>
        <translation>日期不能早于公元 %value 年</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="65"/>
        <source>there is no century 0</source>
        <translation>没有第 0 世纪</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="66"/>
        <source>a century has no &apos;%value&apos; part</source>
        <translation>世纪没有“%value”这一部分</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="67"/>
        <source>a decade starts at a year ending in 0, not %value</source>
        <translation>年代应从尾数为 0 的年份开始，而不是 %value</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="68"/>
        <source>a decade has an early, mid and late part, not a %value</source>
        <translation>年代只分初、中、末期，没有“%value”</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="69"/>
        <source>&apos;%value年代&apos; is no decade of a century</source>
        <translation>“%value年代”不是一个世纪中的年代</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="70"/>
        <source>the months of a reign year are lunar months; give the Gregorian date</source>
        <translation>年号纪年的月份是农历月份；请给出公历日期</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="72"/>
        <source>%reign has years 1 to %count (%first–%last)</source>
        <translation>%reign只有元年至 %count 年（%first–%last）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="73"/>
        <source>the Republic era (民国) has no year 0</source>
        <translation>民国纪年没有零年</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="74"/>
        <source>no year given</source>
        <translation>没有年份</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="75"/>
        <source>month %value does not exist</source>
        <translation>不存在 %value 月</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="76"/>
        <source>day %value does not exist in %month_name %year (it has %days days)</source>
        <translation>%year 年 %month 月没有 %value 日（该月只有 %days 天）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="78"/>
        <source>the range ends before it starts</source>
        <translation>时间范围的结束早于开始</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="79"/>
        <source>it has two qualifiers (%words)</source>
        <translation>有两个限定词（%words）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="80"/>
        <source>there is no date after the qualifier</source>
        <translation>限定词（如“约”）后面没有日期</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="81"/>
        <source>it is %length characters long (a date has at most %limit)</source>
        <translation>长 %length 个字符（日期最多 %limit 个字符）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="82"/>
        <source>expected a date such as 1944-06-23, 1944年6月23日, 民国三十三年, 23 June 1944, c.1830–41 or early 19th century</source>
        <translation>日期应写作 1944-06-23、1944年6月23日、民国三十三年、约1830–41 或 19世纪初 等形式</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="86"/>
        <source>%field &apos;%value&apos; appears again on row(s) %rows of the file</source>
        <translation>%field“%value”在文件第 %rows 行再次出现</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="88"/>
        <source>key or title &apos;%value&apos; appears again on row(s) %rows of the file</source>
        <translation>键或题名“%value”在文件第 %rows 行再次出现</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="90"/>
        <source>%field &apos;%value&apos; is not a term of the %vocab vocabulary (nearest term: %label %term)</source>
        <translation>%field“%value”不是“%vocab”词表中的词条（最接近的词条：%label %term）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="92"/>
        <source>%field &apos;%value&apos; is not a number</source>
        <translation>%field“%value”不是数字</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="93"/>
        <source>%field &apos;%value&apos; is neither yes nor no</source>
        <translation>%field“%value”既不是“是”也不是“否”</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="94"/>
        <source>place &apos;%value&apos; is not in the archive (import the places first)</source>
        <translation>地点“%value”不在档案中（请先导入地点）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="96"/>
        <source>place &apos;%value&apos; names %count places; use its key</source>
        <translation>“%value”对应 %count 个地点，请填写地点的键</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="97"/>
        <source>section &apos;%value&apos; is not in the archive</source>
        <translation>展区“%value”不在档案中</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="98"/>
        <source>%count %type records are called &apos;%value&apos;; add a key column to say which one this row is</source>
        <translation>有 %count 条%type记录名为“%value”；请加一列键，指明本行是哪一条</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="100"/>
        <source>%count image(s) listed but no media folder was chosen; they are not imported</source>
        <translation>列出了 %count 个图片，但未选择图片文件夹，因此不导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="102"/>
        <source>image %why</source>
        <translation>图片 %why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="103"/>
        <source>%file: is outside the chosen folder %folder</source>
        <translation>%file 在所选文件夹 %folder 之外</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="104"/>
        <source>%file: is outside the chosen folder %folder (the path uses &apos;..&apos;)</source>
        <translation>%file 在所选文件夹 %folder 之外（路径中含“..”）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="106"/>
        <location filename="../common/problems.py" line="130"/>
        <source>%file: not found</source>
        <translation>找不到 %file</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="107"/>
        <location filename="../common/problems.py" line="172"/>
        <source>%file: cannot be read (%detail)</source>
        <translation>%file 无法读取（%detail）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="108"/>
        <source>%file: is a symbolic link; links are not followed when importing from a folder</source>
        <translation>%file 是符号链接；从文件夹导入时不跟随链接</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="110"/>
        <source>%file: its path passes through the symbolic link %link; links are not followed when importing from a folder</source>
        <translation>%file 的路径经过符号链接 %link；从文件夹导入时不跟随链接</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="113"/>
        <source>%file: the import folder does not exist</source>
        <translation>%file：导入文件夹不存在</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="114"/>
        <source>has %count cells but the header has only %width columns (a cell with an unquoted separator?)</source>
        <translation>本行有 %count 个单元格，表头只有 %width 列（是否有单元格含未加引号的分隔符？）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="116"/>
        <source>cell %cell holds the formula %formula with no saved result; formulas are not calculated on import — paste the values instead</source>
        <translation>单元格 %cell 是公式 %formula，但没有保存的结果；导入时不计算公式，请改为粘贴数值</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="119"/>
        <source>cell %cell holds the formula %formula; its saved result “%value” was imported</source>
        <translation>单元格 %cell 是公式 %formula，已导入其保存的结果“%value”</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="121"/>
        <source>row(s) %rows above the header were not imported (a title or note?)</source>
        <translation>表头上方的第 %rows 行未导入（标题或说明？）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="123"/>
        <source>cells %range are merged; “%value” was read for each cell they cover</source>
        <translation>单元格 %range 为合并单元格；其覆盖的每个单元格都读作“%value”</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="125"/>
        <source>column “%column” is not imported</source>
        <translation>列“%column”不导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="126"/>
        <source>the mapping names column(s) the file does not have: %columns</source>
        <translation>映射中的这些列在文件中没有：%columns</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="129"/>
        <source>%file: the file has no rows (it is empty)</source>
        <translation>%file：文件中没有任何行（是空文件）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="131"/>
        <source>%file: import reads .csv, .tsv and .xlsx files</source>
        <translation>%file：导入只能读取 .csv、.tsv 和 .xlsx 文件</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="132"/>
        <source>%file: is an old Excel 97–2003 workbook; save it as .xlsx (Excel Workbook) and import that</source>
        <translation>%file：是旧版 Excel 97–2003 工作簿；请另存为 .xlsx（Excel 工作簿）后再导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="134"/>
        <source>row %row</source>
        <translation>第 %row 行</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="135"/>
        <source>row %row (line %line)</source>
        <translation>第 %row 行（文本第 %line 行）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="136"/>
        <source>%file: %where cannot be read as CSV (%detail)</source>
        <translation>%file：%where无法按 CSV 读取（%detail）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="137"/>
        <source>%file: row %row (line %line) opens a quote (&quot;) that is never closed, so every line after it would be read into one cell; close the quote or remove it</source>
        <translation>%file：第 %row 行（文本第 %line 行）的引号（&quot;）没有闭合，其后的每一行都会被读进同一个单元格；请补上或删去这个引号</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="141"/>
        <source>%file: %where opens a quote (&quot;) that does not close within %limit characters (Excel&apos;s limit for a cell), so the lines after it would be read into one cell; close the quote or remove it</source>
        <translation>%file：%where的引号（&quot;）在 %limit 个字符（Excel 单元格的上限）内没有闭合，其后的各行都会被读进同一个单元格；请补上或删去这个引号</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="145"/>
        <source>%file: %where has a cell of more than %limit characters, more than a spreadsheet cell can hold (Excel&apos;s limit); it cannot be imported</source>
        <translation>%file：%where有一个单元格超过 %limit 个字符，超出电子表格单元格的容量（Excel 的上限），无法导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="148"/>
        <source>%file: is not a readable .xlsx workbook (%detail)</source>
        <translation>%file：不是可读取的 .xlsx 工作簿（%detail）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="149"/>
        <source>%file: the workbook is damaged (%detail)</source>
        <translation>%file：工作簿已损坏（%detail）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="150"/>
        <source>%file: the workbook has no worksheet</source>
        <translation>%file：工作簿中没有工作表</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="151"/>
        <source>%file: is a password-protected workbook; open it in Excel, remove the password (File ▸ Info ▸ Protect Workbook) and save it again</source>
        <translation>%file：是设有密码保护的工作簿；请在 Excel 中打开，取消密码（文件 ▸ 信息 ▸ 保护工作簿）后重新保存</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="154"/>
        <source>%file: is an old Excel 97–2003 workbook with an .xlsx name; save it as .xlsx (Excel Workbook) and import that</source>
        <translation>%file：是以 .xlsx 命名的旧版 Excel 97–2003 工作簿；请另存为 .xlsx（Excel 工作簿）后再导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="156"/>
        <source>%file: is empty (0 bytes), not an .xlsx workbook</source>
        <translation>%file：是空文件（0 字节），不是 .xlsx 工作簿</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="157"/>
        <source>%file: is not an .xlsx workbook (it is not a zip archive)</source>
        <translation>%file：不是 .xlsx 工作簿（不是 zip 压缩包）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="158"/>
        <source>%file: is a zip archive but not an Excel workbook (it has no xl/workbook.xml); save it from Excel as .xlsx</source>
        <translation>%file：是 zip 压缩包，但不是 Excel 工作簿（其中没有 xl/workbook.xml）；请在 Excel 中另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="160"/>
        <source>%file: has no sheet “%sheet” (sheets: %sheets)</source>
        <translation>%file：没有名为“%sheet”的工作表（现有工作表：%sheets）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="161"/>
        <source>%file: the zip holds %count files, far more than a workbook has; it cannot be imported</source>
        <translation>%file：压缩包内有 %count 个文件，远多于工作簿应有的数量；无法导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="163"/>
        <source>%file: is encrypted (its part %part needs a password); save an unprotected copy and import that</source>
        <translation>%file：已加密（其部件 %part 需要密码）；请另存一份未加密的副本后再导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="165"/>
        <source>%file: its part %part would unpack to %size MB, more than the %mb MB such a part may have; it cannot be imported</source>
        <translation>%file：其部件 %part 解压后将达 %size MB，超过此类部件允许的 %mb MB；无法导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="168"/>
        <source>%file: its part %part unpacks to more than %mb MB; it cannot be imported</source>
        <translation>%file：其部件 %part 解压后超过 %mb MB；无法导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="170"/>
        <source>%file: its part %part declares a document type (DTD); a workbook has none, and its entities could read other files or expand without end, so it is not imported</source>
        <translation>%file：其部件 %part 声明了文档类型（DTD）；正常工作簿没有 DTD，而其实体可能读取其他文件或无限展开，因此不予导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="173"/>
        <source>%file: its part %part holds more than %mb MB without a tag (an oversized cell, tag or comment); it cannot be imported</source>
        <translation>%file：其部件 %part 中有超过 %mb MB 的内容没有任何标记（单元格、标记或注释过大）；无法导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="175"/>
        <source>%file: its part %part nests elements more than %depth deep; a workbook does not, so it is not imported</source>
        <translation>%file：其部件 %part 的元素嵌套超过 %depth 层；正常工作簿不会如此，因此不予导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="177"/>
        <source>%file: its part %part has more than %limit elements, more than a sheet this program can import; split it into smaller files</source>
        <translation>%file：其部件 %part 含有超过 %limit 个元素，超出本程序可导入的工作表规模；请拆分为较小的文件</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="180"/>
        <source>%file: has more than %limit cell formats; it cannot be imported</source>
        <translation>%file：单元格格式超过 %limit 种；无法导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="182"/>
        <source>%file: is too large to import at once (at %where its cells already take more than %mb MB in memory); split it into smaller files</source>
        <translation>%file：太大，无法一次导入（读到 %where 时，单元格已占用超过 %mb MB 内存）；请拆分为较小的文件</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="185"/>
        <source>%file: %where holds more than %limit characters, more than a spreadsheet cell can (Excel&apos;s limit); it cannot be imported</source>
        <translation>%file：%where 超过 %limit 个字符，超出电子表格单元格的容量（Excel 的上限）；无法导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="187"/>
        <source>%file: has more than %limit rows (%where), more than a spreadsheet can hold; split it into smaller files</source>
        <translation>%file：超过 %limit 行（%where），超出电子表格的容量；请拆分为较小的文件</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="189"/>
        <source>%file: %where has %count cells, more than the %limit columns a spreadsheet can hold; it cannot be imported</source>
        <translation>%file：%where 有 %count 个单元格，超过电子表格最多 %limit 列的容量；无法导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="191"/>
        <source>cell %cell</source>
        <translation>单元格 %cell</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="192"/>
        <source>shared string %number</source>
        <translation>第 %number 个共享字符串</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="193"/>
        <source>the merged range %range</source>
        <translation>合并区域 %range</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="194"/>
        <source>the merged cells %range</source>
        <translation>合并单元格 %range</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="195"/>
        <source>a merged range reaches row %row</source>
        <translation>一个合并区域延伸到第 %row 行</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="151"/>
        <source>%file: line %line is not text in UTF-8, GB18030/GBK or UTF-16 with a byte-order mark; %why</source>
        <translation>%file：第 %line 行既不是 UTF-8、GB18030/GBK 文本，也不是带字节顺序标记的 UTF-16 文本；%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="153"/>
        <source>%file: line %line is neither UTF-8 nor meaningful GB18030 text (it decodes to private-use characters); %why</source>
        <translation>%file：第 %line 行既不是 UTF-8，也不是有意义的 GB18030 文本（解码后是私用区字符）；%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="156"/>
        <source>%file: is UTF-16 without a byte-order mark (or another wide encoding), which cannot be read reliably; %why</source>
        <translation>%file：是不带字节顺序标记的 UTF-16（或其他宽字符编码），无法可靠读取；%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="158"/>
        <source>%file: line %line contains a NUL character (byte 0), which text does not; the file is damaged or not text (UTF-16 without a byte-order mark?) — %why</source>
        <translation>%file：第 %line 行含有 NUL 字符（字节 0），文本中不会有这种字符；文件已损坏或不是文本（可能是不带字节顺序标记的 UTF-16）——%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="161"/>
        <source>%file: starts with a UTF-8 byte-order mark but line %line is not UTF-8 (GBK saved after a UTF-8 mark?); %why</source>
        <translation>%file：以 UTF-8 字节顺序标记开头，但第 %line 行不是 UTF-8（是否在 UTF-8 标记后保存了 GBK 文本？）；%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="164"/>
        <source>%file: mixes two encodings — line(s) %utf8 are UTF-8 but line(s) %gbk are GB18030/GBK, so one kind would be read as nonsense; %why</source>
        <translation>%file：混用了两种编码——第 %utf8 行是 UTF-8，第 %gbk 行却是 GB18030/GBK，其中一种会被读成乱码；%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="167"/>
        <source>%file: line %line is not valid %encoding (the encoding the file&apos;s start says it has); %why</source>
        <translation>%file：第 %line 行不是有效的 %encoding（文件开头声明的编码）；%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="169"/>
        <source>%file: line %line is longer than %mb MB without a line break; that is not a table&apos;s row (a binary file, or a quote that never closes?)</source>
        <translation>%file：第 %line 行超过 %mb MB 仍没有换行，不像是表格的一行（是二进制文件，还是有未闭合的引号？）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="173"/>
        <source>save it from Excel as “CSV UTF-8 (comma delimited)”, or from WPS/LibreOffice as UTF-8, and import it again</source>
        <translation>请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，或在 WPS/LibreOffice 中以 UTF-8 保存，然后重新导入</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="175"/>
        <source>cannot export %type #%id: it does not exist</source>
        <translation>无法导出%type #%id：该记录已不存在</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="176"/>
        <source>cannot write %type%ident to %file: %field contains control characters that .xlsx cannot hold; export as CSV instead</source>
        <translation>无法把%type%ident 写入 %file：%field含有 .xlsx 无法保存的控制字符；请改为导出 CSV</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="179"/>
        <source>%file: export writes .csv, .tsv or .xlsx files</source>
        <translation>%file：导出只能写成 .csv、.tsv 或 .xlsx 文件</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="180"/>
        <source>%file already exists; choose a new name for the bundle</source>
        <translation>%file 已存在；请为资料包另取一个名字</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="181"/>
        <source>%file is not empty; choose a new folder for the IIIF export</source>
        <translation>%file 不是空文件夹；请为 IIIF 导出另选一个文件夹</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="184"/>
        <source>%field has characters the font lacks: %chars; they would print as empty boxes (set EXHIBIT_CJK_FONT to a font that has them, or edit the text)</source>
        <translation>%field含有字体缺少的字符：%chars；打印出来会是空框（请把 EXHIBIT_CJK_FONT 设为包含这些字符的字体，或修改文字）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="187"/>
        <source>the text does not fit even at %min_pt pt, the smallest body size for reading at %distance (%fields): it needs %needed mm of height, the label has %available mm; shorten it, choose a larger page or sheet, or let the text be cut to fit</source>
        <translation>文字即使缩小到 %min_pt 磅（在 %distance 处阅读的最小正文字号）也放不下（%fields）：需要 %needed 毫米高，标签只有 %available 毫米；请缩短文字、选择更大的页面或标签纸，或允许截断文字</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="191"/>
        <source>cut to fit at %pt pt: %fields ends with “…”</source>
        <translation>为放下文字已截断（%pt 磅）：%fields 以“…”结尾</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="192"/>
        <source>body text set at %pt pt to fit, below the %target pt for reading at a distance; use a larger label or shorten the text</source>
        <translation>正文缩小到 %pt 磅才放得下，低于远距离阅读所需的 %target 磅；请使用更大的标签或缩短文字</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="195"/>
        <source>English text has %count words; %kind labels should keep to %limit</source>
        <translation>英文有 %count 个词；%kind标签应不超过 %limit 个</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="197"/>
        <source>Chinese text has %count characters; %kind labels should keep to %limit</source>
        <translation>中文有 %count 个字；%kind标签应不超过 %limit 个</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="199"/>
        <source>a sentence of %count words (keep to %limit): “%start”</source>
        <translation>一句话有 %count 个词（应不超过 %limit 个）：“%start”</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="201"/>
        <source>a sentence of %count characters (keep to %limit): “%start…”</source>
        <translation>一句话有 %count 个字（应不超过 %limit 个）：“%start…”</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="203"/>
        <source>English lines hold about %chars characters; %low–%high read best</source>
        <translation>英文每行约 %chars 个字符；%low–%high 个最易读</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="205"/>
        <source>English lines hold only about %chars characters; %low–%high read best</source>
        <translation>英文每行只有约 %chars 个字符；%low–%high 个最易读</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="0"/>
        <source>%field is empty: the label prints the catalogue description instead; write label text for visitors</source>
        <translation>%field为空：标签改印藏品描述；请为观众撰写标签文字</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="0"/>
        <source>the record is not published (record status %status); it prints because its accession number was asked for</source>
        <translation>记录尚未发布（记录状态 %status）；因按总登记号指定而照样打印</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="0"/>
        <source>%field has half-width punctuation between Chinese characters (%sample); fix it with the labels command's --fix-punctuation</source>
        <translation>%field在汉字之间用了半角标点（%sample）；可用 labels 命令的 --fix-punctuation 改为全角</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="207"/>
        <source>%label: %why</source>
        <translation>%label：%why</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="208"/>
        <source>%count label(s) cannot be printed; nothing was written:
  %lines%more</source>
        <translation>%count 个标签无法打印，未写出任何文件：
  %lines%more</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="210"/>
        <source>
  … and %count more</source>
        <translation>
  ……另有 %count 个</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="211"/>
        <source>photo file missing or unreadable (%file): %detail; the label prints without a photo</source>
        <translation>照片文件缺失或无法读取（%file）：%detail；标签将不带照片打印</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="213"/>
        <source>photo file missing (%file); the label prints without a photo</source>
        <translation>照片文件缺失（%file）；标签将不带照片打印</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="215"/>
        <source>the photo has no caption in the chosen language</source>
        <translation>照片没有所选语言的说明文字</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="261"/>
        <source>nothing to print: no objects in %selection</source>
        <translation>没有可打印的内容：%selection 中没有藏品</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="262"/>
        <source>nothing to print: no panels in %selection</source>
        <translation>没有可打印的内容：%selection 中没有展板</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="263"/>
        <source>nothing to print: no photographs in %selection</source>
        <translation>没有可打印的内容：%selection 中没有照片</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="0"/>
        <source>nothing to print: the %count object(s) in %selection are not published; choose reviewed or draft records to print them</source>
        <translation>没有可打印的内容：%selection 中的 %count 件藏品尚未发布；如要打印，请选择包括已审核或草稿记录</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="264"/>
        <source>%count accession number(s)</source>
        <translation>%count 个总登记号</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="265"/>
        <source>section %section</source>
        <translation>单元 %section</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="266"/>
        <source>panel(s) %panels</source>
        <translation>展板 %panels</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="267"/>
        <source>changed since %date</source>
        <translation>%date 以后修改的</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="268"/>
        <source>the whole exhibition</source>
        <translation>整个展览</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="217"/>
        <source>the database reports: %detail</source>
        <translation>数据库报告：%detail</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="218"/>
        <source>%file does not exist</source>
        <translation>%file 不存在</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="219"/>
        <source>%file is a folder or device, not a database file</source>
        <translation>%file 是文件夹或设备，不是数据库文件</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="220"/>
        <source>the file is empty (0 bytes): its records are gone</source>
        <translation>文件是空的（0 字节）：其中的记录已经丢失</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="221"/>
        <source>cannot be opened: %detail</source>
        <translation>无法打开：%detail</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="222"/>
        <source>an SQLite database but not an Exhibit archive (no schema version)</source>
        <translation>是 SQLite 数据库，但不是 Exhibit 档案（没有结构版本）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="224"/>
        <source>schema version %version: made by a newer Exhibit (this one knows up to %known); not checked further</source>
        <translation>结构版本 %version：由更新版本的 Exhibit 创建（本程序只认识到 %known）；未作进一步检查</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="226"/>
        <source>the check reports: %detail</source>
        <translation>检查发现：%detail</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="227"/>
        <source>%file does not exist or is not a file</source>
        <translation>%file 不存在或不是文件</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="228"/>
        <source>%file is empty (0 bytes)</source>
        <translation>%file 是空的（0 字节）</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="229"/>
        <source>%file: %detail</source>
        <translation>%file 已损坏：%detail</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="230"/>
        <source>%file has schema version %version; this program knows up to %known</source>
        <translation>%file 的结构版本为 %version；本程序只认识到 %known</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="232"/>
        <source>%file is an SQLite database but not an Exhibit archive</source>
        <translation>%file 是 SQLite 数据库，但不是 Exhibit 档案</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="234"/>
        <source>%file: its %detail</source>
        <translation>%file 的结构不是本程序的：%detail</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="239"/>
        <source>object</source>
        <translation>藏品</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="240"/>
        <source>caption</source>
        <translation>图片说明</translation>
    </message>
    <message>
        <location filename="../common/problems.py" line="241"/>
        <source>panel</source>
        <translation>展板</translation>
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
        <location filename="../curator/editor/forms.py" line="445"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="446"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="447"/>
        <location filename="../curator/editor/forms.py" line="452"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="448"/>
        <source>Save the record</source>
        <translation>保存记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="449"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="450"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="451"/>
        <source>Revert to the saved record</source>
        <translation>还原为已保存的记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="466"/>
        <source>%1 as understood</source>
        <translation>%1（系统解读）</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="468"/>
        <source>Problem with %1</source>
        <translation>%1有误</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="469"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="492"/>
        <source>New %1</source>
        <translation>新建%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="542"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="542"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="674"/>
        <source>This record has been deleted (elsewhere, or by undo). It can no longer be saved; copy any text you want to keep.</source>
        <translation>此记录已被删除（在别处删除，或因撤销操作）。它已无法保存；请复制需要保留的文字。</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="677"/>
        <source>This record was changed elsewhere while you were editing it. Saving shows both versions, field by field, to choose from; Revert shows theirs.</source>
        <translation>你编辑期间，此记录已在别处被修改。保存时将逐项列出双方的版本供你选择；点击“还原”可查看对方的版本。</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="734"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="735"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1有未保存的更改。是否保存？</translation>
    </message>
    <message>
        <location filename="../curator/editor/forms.py" line="597"/>
        <source>Not read as a date: it is kept as written, without a date range for sorting and the timeline.</source>
        <translation>未能识别为日期：将按原文保存，不生成用于排序和时间轴的日期范围。</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <location filename="../curator/editor/picker.py" line="89"/>
        <source>Choose %1</source>
        <translation>选择%1</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="90"/>
        <source>&amp;Search %1:</source>
        <translation>搜索%1(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="91"/>
        <source>Chinese, pinyin, English or identifier</source>
        <translation>中文、拼音、英文或标识</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="92"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="93"/>
        <source>Identifier</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="93"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="93"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="94"/>
        <source>Records found</source>
        <translation>找到的记录</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="95"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="96"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="132"/>
        <source>Already linked</source>
        <translation>已关联</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/editor/picker.py" line="141"/>
        <source>%n record(s) listed</source>
        <translation>
            <numerusform>已列出 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="143"/>
        <source>Nothing found</source>
        <translation>未找到任何结果</translation>
    </message>
    <message>
        <location filename="../curator/editor/picker.py" line="145"/>
        <source>%1 found</source>
        <translation>找到 %1 条</translation>
    </message>
</context>
<context>
    <name>StructureTree</name>
    <message>
        <location filename="../curator/structure.py" line="96"/>
        <source>Exhibition structure</source>
        <translation>展览结构</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="98"/>
        <source>Sections and their panels in exhibition order. Alt+Up and Alt+Down move the selected row.</source>
        <translation>按展览顺序排列的单元及其展板。按 Alt+Up 和 Alt+Down 可移动所选行。</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="99"/>
        <source>Drag to reorder, or press Alt+Up / Alt+Down</source>
        <translation>拖动以调整顺序，或按 Alt+Up / Alt+Down</translation>
    </message>
    <message>
        <location filename="../curator/structure.py" line="103"/>
        <location filename="../curator/structure.py" line="132"/>
        <source>No section</source>
        <translation>未分单元</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>ImagePane</name>
    <message>
        <source>No image chosen.</source>
        <translation>未选择图像。</translation>
    </message>
    <message>
        <source>Loading the image…</source>
        <translation>正在载入图像…</translation>
    </message>
    <message>
        <source>Cannot show this image: %1</source>
        <translation>无法显示此图像：%1</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom out (mouse wheel)</source>
        <translation>缩小（鼠标滚轮）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom in (mouse wheel)</source>
        <translation>放大（鼠标滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit to the pane</source>
        <translation>适应窗格</translation>
    </message>
    <message>
        <source>Show the whole picture</source>
        <translation>显示整幅图像</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Show the picture at 100 %</source>
        <translation>按 100% 显示图像</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open image viewer</source>
        <translation>打开图像查看器</translation>
    </message>
    <message>
        <source>Open the picture in its own window, with the original file</source>
        <translation>在单独窗口中打开图像（可查看原始文件）</translation>
    </message>
    <message>
        <source>Picture; drag to pan, wheel to zoom</source>
        <translation>图像；拖动平移，滚轮缩放</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>图注</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>another curator</source>
        <translation>另一位编目人员</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>记录已被他人修改</translation>
    </message>
    <message>
        <source>%1 was saved by %2 at %3 while you were editing it. Nothing of yours has been saved yet: choose, for each field below, which version to keep.</source>
        <translation>您编辑期间，%2 于 %3 保存了“%1”。您的修改尚未保存：请逐项选择要保留的版本。</translation>
    </message>
    <message>
        <source>%1 was saved by %2 while you were editing it. Nothing of yours has been saved yet: choose, for each field below, which version to keep.</source>
        <translation>您编辑期间，%2 保存了“%1”。您的修改尚未保存：请逐项选择要保留的版本。</translation>
    </message>
    <message>
        <source>Yours (not saved)</source>
        <translation>您的版本（未保存）</translation>
    </message>
    <message>
        <source>Theirs (saved by %1 at %2)</source>
        <translation>对方的版本（%1 保存于 %2）</translation>
    </message>
    <message>
        <source>Theirs (saved by %1)</source>
        <translation>对方的版本（%1 保存）</translation>
    </message>
    <message>
        <source>Keep yours</source>
        <translation>保留您的</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>保留对方的</translation>
    </message>
    <message>
        <source>Keep yours: %1</source>
        <translation>保留您的：%1</translation>
    </message>
    <message>
        <source>Keep theirs: %1</source>
        <translation>保留对方的：%1</translation>
    </message>
    <message>
        <source>changed by both of you: choose one</source>
        <translation>双方都修改了：请选择一个</translation>
    </message>
    <message>
        <source>changed by them</source>
        <translation>对方修改</translation>
    </message>
    <message>
        <source>changed by you</source>
        <translation>您修改</translation>
    </message>
    <message>
        <source>Before either of you changed it: %1</source>
        <translation>双方修改之前：%1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Keep all &amp;yours</source>
        <translation>全部保留您的(&amp;Y)</translation>
    </message>
    <message>
        <source>Keep all &amp;theirs</source>
        <translation>全部保留对方的(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Save with these choices</source>
        <translation>按所选保存(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>Choose yours or theirs for %n field(s) you both changed.</source>
        <translation>
            <numerusform>还有 %n 个双方都修改的字段，请选择保留您的或对方的。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every field has a version; save to keep these choices.</source>
        <translation>每个字段都已选定版本；保存即按所选保留。</translation>
    </message>
</context>
<context>
    <name>RecordChangedBar</name>
    <message>
        <source>Another curator</source>
        <translation>另一位编目人员</translation>
    </message>
    <message>
        <source>%1 deleted this record at %2.</source>
        <translation>%1 于 %2 删除了这条记录。</translation>
    </message>
    <message>
        <source>%1 saved this record at %2 while you were editing it.</source>
        <translation>您编辑期间，%1 于 %2 保存了这条记录。</translation>
    </message>
    <message>
        <source>%1 saved this record at %2; it now shows their version.</source>
        <translation>%1 于 %2 保存了这条记录；现在显示的是其保存的版本。</translation>
    </message>
    <message>
        <source>Reload (drop my edits)</source>
        <translation>重新载入（放弃我的修改）</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>ServerStatus</name>
    <message>
        <source>Reconnecting to the server…</source>
        <translation>正在重新连接服务器…</translation>
    </message>
    <message>
        <source>Connected to the server again; the lists were read again</source>
        <translation>已重新连接服务器；列表已重新读取</translation>
    </message>
</context>
<context>
    <name>SharedArchiveActions</name>
    <message>
        <source>Open s&amp;hared archive…</source>
        <translation>打开共享档案(&amp;H)…</translation>
    </message>
    <message>
        <source>Open the &amp;local archive</source>
        <translation>打开本机档案(&amp;L)</translation>
    </message>
    <message>
        <source>Open shared archive</source>
        <translation>打开共享档案</translation>
    </message>
    <message>
        <source>Address of the shared archive (postgresql://server/database). The password is read from your .pgpass file or the PGPASSWORD setting, not stored here.</source>
        <translation>共享档案的地址（postgresql://服务器/数据库）。密码从你的 .pgpass 文件或 PGPASSWORD 设置中读取，不保存在这里。</translation>
    </message>
    <message>
        <source>The shared archive cannot be opened</source>
        <translation>无法打开共享档案</translation>
    </message>
</context>
</TS>
