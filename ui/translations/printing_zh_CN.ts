<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../printing/print_dialog.py" line="312"/>
        <source>The PDF could not be saved to %1: %2</source>
        <translation>PDF 无法保存到 %1:%2</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="403"/>
        <source>The preview could not be opened.</source>
        <translation>无法打开预览。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="500"/>
        <source>1 page</source>
        <translation>1 页</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="500"/>
        <source>%1 pages</source>
        <translation>%1 页</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="503"/>
        <source>1 label</source>
        <translation>1 张标签</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="503"/>
        <source>%1 labels</source>
        <translation>%1 张标签</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="506"/>
        <source>1 warning</source>
        <translation>1 条提示</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="506"/>
        <source>%1 warnings</source>
        <translation>%1 条提示</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="510"/>
        <source>catalogue</source>
        <translation>图录</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="511"/>
        <source>labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="525"/>
        <source>Cannot print: %1</source>
        <translation>无法打印:%1</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="534"/>
        <source>Choose what to print, then Preview.</source>
        <translation>选择要打印的内容,然后点“预览”。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="535"/>
        <source>Checking the labels…</source>
        <translation>正在检查标签…</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="536"/>
        <source>Building the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="537"/>
        <source>Sending the pages to the printer…</source>
        <translation>正在发送到打印机…</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="538"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="539"/>
        <source>Cancelled; no file was written.</source>
        <translation>已取消,未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="540"/>
        <source>Check: %1</source>
        <translation>检查:%1</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="541"/>
        <source>; %1 cannot be printed</source>
        <translation>;%1无法打印</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="542"/>
        <source>Preview: %1 on %2</source>
        <translation>预览:%1,共 %2</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="544"/>
        <source>Preview: catalogue of %1 on %2</source>
        <translation>预览:图录含 %1,共 %2</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="545"/>
        <source>1 object</source>
        <translation>1 件藏品</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="545"/>
        <source>%1 objects</source>
        <translation>%1 件藏品</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="547"/>
        <source>The options changed: Preview again to see them.</source>
        <translation>选项已更改:请重新预览。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="548"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="549"/>
        <source>%1 sent to the printer</source>
        <translation>已将 %1 发送到打印机</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="550"/>
        <source>The check could not run.</source>
        <translation>无法进行检查。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="551"/>
        <source>Nothing was printed.</source>
        <translation>未打印任何内容。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="552"/>
        <source>Printing failed.</source>
        <translation>打印失败。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="557"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="557"/>
        <source>warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="566"/>
        <source>Check lists, label by label, the texts that are over budget, set too small, or cannot print.</source>
        <translation>“检查”逐张列出超出字数、字号过小或无法打印的文字。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="569"/>
        <source>No warnings: every label reads well.</source>
        <translation>没有提示:每张标签都便于阅读。</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="572"/>
        <source>%1 on %2</source>
        <translation>%2共 %1</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="581"/>
        <source>Print labels and catalogue</source>
        <translation>打印标签和图录</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="582"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="583"/>
        <location filename="../printing/print_dialog.py" line="601"/>
        <source>Check results</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="584"/>
        <source>Chec&amp;k</source>
        <translation>检查(&amp;K)</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="585"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="586"/>
        <source>&amp;Save PDF…</source>
        <translation>保存 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="587"/>
        <source>Pr&amp;int…</source>
        <translation>打印(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="588"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="589"/>
        <location filename="../printing/print_dialog.py" line="605"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="590"/>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大 (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="591"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小 (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="592"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="592"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="592"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="595"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="596"/>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="601"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="602"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="602"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="603"/>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="603"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="604"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="604"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>PrintOptions</name>
    <message>
        <location filename="../printing/options.py" line="233"/>
        <source>No objects are selected. Select objects in the list first, or choose a section or the whole exhibition.</source>
        <translation>没有选中藏品。请先在列表中选择藏品,或选择一个单元或整个展览。</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="284"/>
        <source>%1 sheet: %2 × %3 labels of %4 × %5 mm</source>
        <translation>%1 标签纸:%2 × %3 张,每张 %4 × %5 毫米</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="289"/>
        <source>100 × 150 mm</source>
        <translation>100 × 150 毫米</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="289"/>
        <source>A5 landscape</source>
        <translation>A5 横向</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="290"/>
        <source>One label per page: %1</source>
        <translation>每页一张标签:%1</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="293"/>
        <source>What to print</source>
        <translation>打印内容</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="294"/>
        <source>&amp;Document:</source>
        <translation>文档(&amp;D):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="295"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="295"/>
        <source>Catalogue</source>
        <translation>图录</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="296"/>
        <source>The s&amp;elected objects (%1)</source>
        <translation>选中的藏品(&amp;E)(%1 件)</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="297"/>
        <source>Sectio&amp;n:</source>
        <translation>单元(&amp;N):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="298"/>
        <source>The &amp;whole exhibition</source>
        <translation>整个展览(&amp;W)</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="299"/>
        <source>Chan&amp;ged since:</source>
        <translation>此日期后修改(&amp;G):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="0"/>
        <source>Rec&amp;ords:</source>
        <translation>记录(&amp;O):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="0"/>
        <source>Published only</source>
        <translation>仅已发布的</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="0"/>
        <source>Reviewed and published</source>
        <translation>已审核和已发布的</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="0"/>
        <source>All, drafts too</source>
        <translation>全部（含草稿）</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="0"/>
        <source>Objects chosen one by one print whatever their record status; the label checker says which are not published.</source>
        <translation>逐件选定的藏品不论记录状态都会打印；标签检查会指出哪些尚未发布。</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="0"/>
        <source>Object labels hang beside the object, so they leave the photo out unless you ask for it; photo captions show theirs.</source>
        <translation>藏品标签挂在实物旁边，默认不印图片，需要时再勾选；照片说明标签印出所配的照片。</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="0"/>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="208"/>
        <source>Label and page</source>
        <translation>标签与页面</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="208"/>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="300"/>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="301"/>
        <source>Object label</source>
        <translation>藏品标签</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="302"/>
        <source>Photo caption</source>
        <translation>图片说明</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="303"/>
        <source>Panel text</source>
        <translation>展板文字</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="304"/>
        <source>Page set-&amp;up:</source>
        <translation>页面设置(&amp;U):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="306"/>
        <source>Custom sheet…</source>
        <translation>自定义标签纸…</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="309"/>
        <source>&amp;Rows:</source>
        <translation>行数(&amp;R):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="310"/>
        <source>Colu&amp;mns:</source>
        <translation>列数(&amp;M):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="311"/>
        <source>P&amp;aper:</source>
        <translation>纸张(&amp;A):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="312"/>
        <source>Cr&amp;op marks</source>
        <translation>裁切标记(&amp;O)</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="313"/>
        <source>&amp;Bleed:</source>
        <translation>出血(&amp;B):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="314"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="315"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="316"/>
        <source>Both (中文 and English)</source>
        <translation>双语(中文和 English)</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="318"/>
        <source>&amp;QR code address:</source>
        <translation>二维码地址(&amp;Q):</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="319"/>
        <source>Leave empty for no QR code. {accession} is replaced by the object&apos;s accession number.</source>
        <translation>留空则不印二维码。{accession} 会替换为藏品的总登记号。</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="321"/>
        <source>P&amp;hotos</source>
        <translation>图片(&amp;H)</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="322"/>
        <source>Shorten text that does not &amp;fit (ends with …)</source>
        <translation>放不下的文字截短(&amp;F)(以“…”结尾)</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="323"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="324"/>
        <source>Changed since</source>
        <translation>修改日期起</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="324"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="325"/>
        <source>Page set-up</source>
        <translation>页面设置</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="325"/>
        <source>Sheet paper</source>
        <translation>标签纸纸张</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="326"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="326"/>
        <source>Columns</source>
        <translation>列数</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="327"/>
        <source>Catalogue paper</source>
        <translation>图录纸张</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="327"/>
        <source>Bleed</source>
        <translation>出血</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="328"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="328"/>
        <source>QR code address</source>
        <translation>二维码地址</translation>
    </message>
    <message>
        <location filename="../printing/options.py" line="330"/>
        <location filename="../printing/options.py" line="331"/>
        <source>US Letter</source>
        <translation>美国信纸</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../printing/print_dialog.py" line="58"/>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <location filename="../printing/print_dialog.py" line="58"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
</TS>
