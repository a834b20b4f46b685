<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../interchange/run_pages.py" line="252"/>
        <source>Import the good rows and save the rejected ones to a file</source>
        <translation>导入合格的行，并把被拒绝的行另存为文件</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="253"/>
        <source>Partial import</source>
        <translation>部分导入</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="221"/>
        <source>Press Import to import the other rows, in one step; the rejected ones are saved to %1 to correct and import again.</source>
        <translation>按“导入”一次性导入其余各行；被拒绝的行保存到 %1，改正后可再次导入。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="194"/>
        <source>Empty rows skipped: %1</source>
        <translation>已跳过的空行：%1</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="208"/>
        <source>Checking every row; nothing is written…</source>
        <translation>正在逐行检查，不写入任何内容…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="210"/>
        <source>The check could not be run.</source>
        <translation>无法进行检查。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="212"/>
        <source>The check was stopped before the end. Check again to import.</source>
        <translation>检查未完成即已停止。请重新检查后再导入。</translation>
    </message>
    <message numerus="yes">
        <location filename="../interchange/run_pages.py" line="214"/>
        <source>%n row(s) checked: </source>
        <translation>
            <numerusform>已检查 %n 行：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="215"/>
        <source>%1 to create, %2 to update, %3 unchanged, %4 rejected.</source>
        <translation>新建 %1 条，更新 %2 条，%3 条不变，%4 条被拒绝。</translation>
    </message>
    <message numerus="yes">
        <location filename="../interchange/run_pages.py" line="219"/>
        <source>%n empty row(s) skipped.</source>
        <translation>
            <numerusform>跳过 %n 个空行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="225"/>
        <source>Nothing can be imported while a row is rejected: correct the file, the mapping or the terms, and check again.</source>
        <translation>只要有一行被拒绝，就不能导入：请修改文件、列对应或术语，然后重新检查。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="228"/>
        <source>The mapping changed: checking again…</source>
        <translation>列对应已更改，正在重新检查…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="230"/>
        <source>Press Import to import them all, in one step.</source>
        <translation>按“导入”一次性导入全部行。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="234"/>
        <source>Check (dry run)</source>
        <translation>检查（试运行）</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="235"/>
        <source>What importing would do to each row. Nothing has been written yet.</source>
        <translation>导入将对每一行做什么。目前尚未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="236"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="238"/>
        <source>Result of the check</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="241"/>
        <source>Why the check failed</source>
        <translation>检查失败的原因</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="243"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="244"/>
        <source>Stop the check</source>
        <translation>停止检查</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="246"/>
        <source>Check &amp;again</source>
        <translation>重新检查(&amp;A)</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="247"/>
        <source>Run the check again</source>
        <translation>重新运行检查</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="249"/>
        <source>Check progress</source>
        <translation>检查进度</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="250"/>
        <source>Only &amp;rejected rows</source>
        <translation>只看被拒绝的行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="251"/>
        <source>Show only the rejected rows</source>
        <translation>只显示被拒绝的行</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="254"/>
        <source>&amp;Rows (%1 shown):</source>
        <translation>各行（显示 %1 行）(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="255"/>
        <source>Report for each row</source>
        <translation>逐行报告</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="256"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="256"/>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="256"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="256"/>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="259"/>
        <source>Notes about the file</source>
        <translation>关于文件的说明</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../interchange/export_dialog.py" line="61"/>
        <source>Export into folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="64"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="202"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="202"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="203"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="203"/>
        <source>LIDO XML files (*.xml)</source>
        <translation>LIDO XML 文件 (*.xml)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="204"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip 压缩文件 (*.zip)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="219"/>
        <source>Choose where to write the export.</source>
        <translation>请选择导出的保存位置。</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="222"/>
        <source>%1 already exists and is not empty; choose a new folder.</source>
        <translation>%1 已存在且不为空，请选择一个新文件夹。</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="224"/>
        <source>%1 is a folder; choose a file name.</source>
        <translation>%1 是文件夹，请选择一个文件名。</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="226"/>
        <source>%1 already exists; choose a new name for the bundle.</source>
        <translation>%1 已存在，请为打包文件另取一个名字。</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="294"/>
        <source>CSV table (.csv)</source>
        <translation>CSV 表格 (.csv)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="295"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="296"/>
        <source>Whole archive as JSON (.json)</source>
        <translation>整个档案库，JSON 格式 (.json)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="297"/>
        <source>Objects as LIDO XML (.xml)</source>
        <translation>藏品，LIDO XML 格式 (.xml)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="298"/>
        <source>IIIF manifests of objects with images (folder)</source>
        <translation>有图像藏品的 IIIF 清单（文件夹）</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="299"/>
        <source>Whole-archive bundle (.zip)</source>
        <translation>整库打包 (.zip)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="300"/>
        <source>Whole-archive bundle (folder)</source>
        <translation>整库打包（文件夹）</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="305"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="306"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="308"/>
        <source>Exported to %1 (%2).</source>
        <translation>已导出到 %1（%2）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../interchange/export_dialog.py" line="309"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="311"/>
        <source>The export was cancelled; nothing was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="315"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="321"/>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="322"/>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="323"/>
        <source>&amp;Records:</source>
        <translation>记录(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="324"/>
        <source>Type of records to export</source>
        <translation>要导出的记录类型</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="325"/>
        <source>Which:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="326"/>
        <source>The &amp;selected records (%1)</source>
        <translation>选中的记录（%1 条）(&amp;S)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="327"/>
        <source>Export the selected records</source>
        <translation>导出选中的记录</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="328"/>
        <source>&amp;All records of this type</source>
        <translation>该类型的全部记录(&amp;A)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="329"/>
        <source>&amp;The whole archive</source>
        <translation>整个档案库(&amp;T)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="330"/>
        <source>Export all records</source>
        <translation>导出全部记录</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="331"/>
        <source>&amp;Destination:</source>
        <translation>保存位置(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="332"/>
        <source>Where to write the export</source>
        <translation>导出的保存位置</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="333"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="334"/>
        <source>Choose where to write the export</source>
        <translation>选择导出的保存位置</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="335"/>
        <source>Export progress</source>
        <translation>导出进度</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="338"/>
        <source>Export status</source>
        <translation>导出状态</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="341"/>
        <source>Why the export failed</source>
        <translation>导出失败的原因</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="342"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="343"/>
        <source>Start the export</source>
        <translation>开始导出</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="345"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="345"/>
        <location filename="../interchange/export_dialog.py" line="346"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../interchange/export_dialog.py" line="346"/>
        <source>Cancel the export</source>
        <translation>取消导出</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../interchange/file_pages.py" line="115"/>
        <source>This archive is open read-only here, so nothing can be imported into it.</source>
        <translation>此档案库在这里以只读方式打开，不能向其中导入。</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="120"/>
        <source>Import reads .csv, .tsv and .xlsx files. An old .xls workbook must be saved as .xlsx first.</source>
        <translation>导入支持 .csv、.tsv 和 .xlsx 文件。旧版 .xls 工作簿请先另存为 .xlsx。</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="123"/>
        <source>There is no file at %1.</source>
        <translation>%1 处没有文件。</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="126"/>
        <source>The media folder %1 does not exist.</source>
        <translation>媒体文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="140"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="141"/>
        <source>A spreadsheet (CSV, TSV or Excel .xlsx) with one record per row and the column names in the first filled row.</source>
        <translation>电子表格（CSV、TSV 或 Excel .xlsx）：每行一条记录，第一个非空行是列名。</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="143"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="144"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="145"/>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="146"/>
        <source>File to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="147"/>
        <source>Path of a .csv, .tsv or .xlsx file</source>
        <translation>.csv、.tsv 或 .xlsx 文件的路径</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="148"/>
        <source>&amp;Records:</source>
        <translation>记录(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="149"/>
        <source>Type of the records in the file</source>
        <translation>文件中记录的类型</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="152"/>
        <source>&amp;Media folder:</source>
        <translation>媒体文件夹(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="153"/>
        <source>Folder the image paths in the file are relative to</source>
        <translation>文件中图像路径所相对的文件夹</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="154"/>
        <source>Optional: the folder the image paths are relative to</source>
        <translation>可选：图像路径所相对的文件夹</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="155"/>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="156"/>
        <source>Choose the media folder</source>
        <translation>选择媒体文件夹</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="157"/>
        <source>Image files named in the file are imported only from inside the media folder. Nothing is written before the last step, and the archive is backed up first.</source>
        <translation>文件中列出的图像只从媒体文件夹内导入。最后一步之前不会写入任何内容，导入前会先备份档案库。</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../interchange/run_pages.py" line="379"/>
        <source>Importing %1 in one step: the good rows; the rejected ones are saved to a file.</source>
        <translation>一次性导入%1：导入合格的行，被拒绝的行另存为文件。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="363"/>
        <source>%1 rejected row(s) were saved to %2: correct them there and import that file.</source>
        <translation>%1 个被拒绝的行已保存到 %2：请在该文件中改正后再导入。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="338"/>
        <source>Cancelling: everything is being rolled back…</source>
        <translation>正在取消：所有更改都将回滚…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="339"/>
        <source>Backing up the archive before the import…</source>
        <translation>导入前正在备份档案库…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="340"/>
        <source>Checking the rows again…</source>
        <translation>正在再次检查各行…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="341"/>
        <source>Writing the new records…</source>
        <translation>正在写入新记录…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="342"/>
        <source>Updating the matched records…</source>
        <translation>正在更新匹配的记录…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="343"/>
        <source>Importing the images…</source>
        <translation>正在导入图像…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="343"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="345"/>
        <source>The import is complete.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="347"/>
        <source>The import was cancelled. Nothing was changed.</source>
        <translation>导入已取消，未作任何更改。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="349"/>
        <source>The import failed. Nothing was changed.</source>
        <translation>导入失败，未作任何更改。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="356"/>
        <source>%1: %2 created, %3 updated, %4 unchanged.</source>
        <translation>%1：新建 %2 条，更新 %3 条，%4 条不变。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="360"/>
        <source>Images: %1 imported, %2 already in the archive.</source>
        <translation>图像：导入 %1 个，%2 个已在档案库中。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="368"/>
        <source>An import cannot be undone with Edit → Undo: it is one transaction of its own, not an edit in the undo history.</source>
        <translation>导入不能用“编辑 → 撤销”撤回：它是一个独立的事务，不是撤销历史中的一次编辑。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="371"/>
        <source>The archive was backed up just before it, to %1; restore that backup to go back.</source>
        <translation>导入前已将档案库备份到 %1；如需回到导入前，请恢复该备份。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="374"/>
        <source>No backup was made before it (%1).</source>
        <translation>导入前未能备份（%1）。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="378"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="380"/>
        <source>Importing %1 in one step: all rows, or none.</source>
        <translation>一次性导入%1：要么全部导入，要么都不导入。</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="383"/>
        <source>Import status</source>
        <translation>导入状态</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="384"/>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="387"/>
        <source>Import summary</source>
        <translation>导入摘要</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="390"/>
        <source>Why the import failed</source>
        <translation>导入失败的原因</translation>
    </message>
    <message>
        <location filename="../interchange/run_pages.py" line="392"/>
        <source>About undoing the import</source>
        <translation>关于撤回导入</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../interchange/import_wizard.py" line="38"/>
        <source>Choose a spreadsheet</source>
        <translation>选择电子表格</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="39"/>
        <source>Spreadsheets (*.csv *.tsv *.txt *.xlsx *.xlsm)</source>
        <translation>电子表格 (*.csv *.tsv *.txt *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="44"/>
        <source>Choose the media folder</source>
        <translation>选择媒体文件夹</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="49"/>
        <source>Column mappings (*.json)</source>
        <translation>列对应文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="51"/>
        <source>Save mapping</source>
        <translation>保存列对应</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="54"/>
        <source>Load mapping</source>
        <translation>载入列对应</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="189"/>
        <source>Import records from a spreadsheet</source>
        <translation>从电子表格导入记录</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="190"/>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="191"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="192"/>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="193"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="194"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="195"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="196"/>
        <source>Close the wizard</source>
        <translation>关闭向导</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="197"/>
        <source>Cancel the import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../interchange/import_wizard.py" line="198"/>
        <source>Import the checked rows</source>
        <translation>导入已检查的行</translation>
    </message>
</context>
<context>
    <name>InterchangeActions</name>
    <message>
        <location filename="../interchange/labels.py" line="19"/>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="20"/>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="21"/>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="22"/>
        <source>rejected</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>InterchangeGuesses</name>
    <message>
        <location filename="../interchange/labels.py" line="54"/>
        <source>Sure: the header names this field</source>
        <translation>确定：表头就是此字段的名称</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="55"/>
        <source>Sure: a usual header for this field</source>
        <translation>确定：这是此字段常用的表头</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="56"/>
        <source>Fairly sure: read from the values</source>
        <translation>较确定：根据列中的值判断</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="57"/>
        <source>Not sure: please check this column</source>
        <translation>不确定：请核对此列</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="60"/>
        <source>The header is the field&apos;s own name.</source>
        <translation>表头就是此字段的字段名。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="61"/>
        <source>The header is the name the program shows for this field.</source>
        <translation>表头就是程序为此字段显示的名称。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="63"/>
        <source>Catalogues use this header for it.</source>
        <translation>藏品目录常用此表头表示该字段。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="64"/>
        <source>The header names {base}, which these records lack; this is the nearest field.</source>
        <translation>表头指的是“{base}”，这类记录没有该字段；这是最接近的字段。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="66"/>
        <source>A word of the header ({word}) names it.</source>
        <translation>表头中的词“{word}”指的是此字段。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="67"/>
        <source>The header names it only loosely (a ledger&apos;s remarks as the description).</source>
        <translation>表头只是大致对应此字段（把账目中的备注作为描述）。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="69"/>
        <source>Unique whole numbers ({low}–{high}): the source system&apos;s row ids, kept as other numbers.</source>
        <translation>互不重复的整数（{low}–{high}）：原系统的记录编号，作为其他编号保存。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="71"/>
        <source>Unique values ({unique} %), mostly of one pattern ({pattern}, {share} %), with letters and digits: accession numbers.</source>
        <translation>值互不重复（{unique}%），大多为同一格式（{pattern}，占 {share}%），含字母和数字：应为总登记号。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="74"/>
        <source>The header names it and the values agree: {unique} % unique, mostly of one pattern ({pattern}).</source>
        <translation>表头指的是此字段，列中的值也相符：{unique}% 互不重复，大多为同一格式（{pattern}）。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="77"/>
        <source>No column names the accession number; these values are unique ({unique} %).</source>
        <translation>没有列名指明总登记号；此列的值互不重复（{unique}%）。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="79"/>
        <source>{share} % of the values are web addresses.</source>
        <translation>{share}% 的值是网址。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="80"/>
        <source>The values are measurements as written, not the program&apos;s JSON.</source>
        <translation>列中的值是书面的尺寸文字，而不是程序的 JSON 数据。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="82"/>
        <source>No field has this name.</source>
        <translation>没有字段叫这个名称。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="83"/>
        <source>The column is empty, and its header names a field only loosely.</source>
        <translation>此列没有任何值，而表头只是大致对应某个字段。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="85"/>
        <source>The column “{other}” fills {target} more surely.</source>
        <translation>“{other}”列填入{target}的把握更大。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="86"/>
        <source>Chosen by you.</source>
        <translation>由您选择。</translation>
    </message>
    <message>
        <location filename="../interchange/labels.py" line="87"/>
        <source>From the mapping file.</source>
        <translation>来自列对应文件。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../interchange/mapping_page.py" line="213"/>
        <source>%1 is a mapping for %2, but this file is imported as %3. Choose %2 on the first page to use it.</source>
        <translation>%1 是%2的列对应，而此文件按%3导入。要使用它，请在第一页选择%2。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="228"/>
        <source>Loaded %1.</source>
        <translation>已载入 %1。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="230"/>
        <source>It names column(s) this file does not have: %1</source>
        <translation>其中有此文件没有的列：%1</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="243"/>
        <source>The mapping could not be saved: %1</source>
        <translation>无法保存列对应：%1</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="246"/>
        <source>Saved the mapping as %1.</source>
        <translation>列对应已保存为 %1。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="274"/>
        <source>The columns “%1” and “%2” both fill %3; choose one of them.</source>
        <translation>“%1”和“%2”两列都填入%3，请只选其中一列。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="279"/>
        <source>The column “%1” gives the makers&apos; role, but no column fills the makers; choose the makers&apos; column too.</source>
        <translation>“%1”列给出制作者的角色，但没有列填入制作者；请同时选择制作者所在的列。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="284"/>
        <source>No column fills the accession number (总登记号). Objects are matched by it, so choose the column that holds it.</source>
        <translation>没有列填入总登记号。藏品按总登记号匹配，请选择包含它的列。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="286"/>
        <source>Choose a column for the key or the name (title): the records are matched by one of them.</source>
        <translation>请为标识或名称（标题）选择一列：记录按其中之一匹配。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="299"/>
        <source>Columns and fields</source>
        <translation>列与字段</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="300"/>
        <source>Choose the field each column fills. Columns left empty are not imported; an empty cell in an imported column empties that field.</source>
        <translation>为每一列选择要填入的字段。留空的列不导入；已导入列中的空单元格会清空该字段。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="302"/>
        <source>&amp;Columns of the file:</source>
        <translation>文件中的列(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="303"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="303"/>
        <source>Example values</source>
        <translation>示例值</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="304"/>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="304"/>
        <source>Sure?</source>
        <translation>把握</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="307"/>
        <source>✓: the header or the values show the field. ?: a guess; please check it. Point at a mark to see why.</source>
        <translation>✓：表头或列中的值表明了字段。?：只是猜测，请核对。将鼠标指向标记可查看原因。</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="309"/>
        <source>Columns and the fields they fill</source>
        <translation>各列及其填入的字段</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="314"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="317"/>
        <source>Field for the column “%1”</source>
        <translation>“%1”列对应的字段</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="319"/>
        <source>S&amp;uggest again</source>
        <translation>重新建议(&amp;U)</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="320"/>
        <source>Suggest the fields from the column names again</source>
        <translation>根据列名重新建议字段</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="321"/>
        <source>&amp;Load mapping…</source>
        <translation>载入列对应(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="322"/>
        <source>Load a saved mapping file</source>
        <translation>载入已保存的列对应文件</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="323"/>
        <source>&amp;Save mapping…</source>
        <translation>保存列对应(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="324"/>
        <source>Save this mapping to a file</source>
        <translation>将此列对应保存为文件</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="325"/>
        <source>Mapping message</source>
        <translation>列对应消息</translation>
    </message>
    <message>
        <location filename="../interchange/mapping_page.py" line="326"/>
        <source>Why the mapping cannot be used</source>
        <translation>列对应不能使用的原因</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>a large file: the first %n rows are shown; every row is read when it is checked</source>
        <translation>
            <numerusform>大文件：这里显示前 %n 行，检查时逐行读取全部</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="278"/>
        <source>Empty rows skipped: %1</source>
        <translation>已跳过的空行：%1</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="285"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="286"/>
        <source>The first rows as they were read. If the Chinese looks wrong, the file&apos;s encoding was not recognised: save it as UTF-8 and try again.</source>
        <translation>读取到的前几行。如果中文显示为乱码，说明未能识别文件的编码：请将其另存为 UTF-8 后重试。</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="291"/>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="292"/>
        <source>Format: %1</source>
        <translation>格式：%1</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="294"/>
        <source>Encoding: %1</source>
        <translation>编码：%1</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="296"/>
        <source>Sheet: %1</source>
        <translation>工作表：%1</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="297"/>
        <source>Header on row %1</source>
        <translation>表头在第 %1 行</translation>
    </message>
    <message numerus="yes">
        <location filename="../interchange/file_pages.py" line="298"/>
        <source>%n data row(s)</source>
        <translation>
            <numerusform>%n 行数据</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="301"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="303"/>
        <source>The file could not be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="307"/>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="308"/>
        <source>Worksheet to import</source>
        <translation>要导入的工作表</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="309"/>
        <source>Reading progress</source>
        <translation>读取进度</translation>
    </message>
    <message numerus="yes">
        <location filename="../interchange/file_pages.py" line="310"/>
        <source>First %n row(s):</source>
        <translation>
            <numerusform>前 %n 行：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="311"/>
        <source>First rows of the file</source>
        <translation>文件的前几行</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="312"/>
        <source>Notes about the file:</source>
        <translation>关于文件的说明：</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="315"/>
        <source>Notes about the file</source>
        <translation>关于文件的说明</translation>
    </message>
    <message>
        <location filename="../interchange/file_pages.py" line="316"/>
        <source>Why the file could not be read</source>
        <translation>无法读取文件的原因</translation>
    </message>
</context>
<context>
    <name>TermsEditor</name>
    <message>
        <location filename="../interchange/terms_editor.py" line="132"/>
        <location filename="../interchange/terms_editor.py" line="253"/>
        <source>Not mapped: these rows are rejected</source>
        <translation>未对应：这些行将被拒绝</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="135"/>
        <location filename="../interchange/terms_editor.py" line="255"/>
        <source>%1 — nearest</source>
        <translation>%1 — 最接近</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="145"/>
        <location filename="../interchange/terms_editor.py" line="257"/>
        <source>Term for “%1”</source>
        <translation>“%1”对应的术语</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="127"/>
        <source>%1 (rows %2)</source>
        <translation>%1（第 %2 行）</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="136"/>
        <location filename="../interchange/terms_editor.py" line="256"/>
        <source>Add as a new term (names on the right)</source>
        <translation>新增为术语（名称填在右侧）</translation>
    </message>
    <message numerus="yes">
        <location filename="../interchange/terms_editor.py" line="237"/>
        <source>Values that are not terms of the vocabulary (%n). For each, choose the term it means, add it as a new term, or leave it unmapped (its rows are rejected).</source>
        <translation>
            <numerusform>不属于词表术语的值（%n 个）。请为每个值选择它所指的术语，或新增为术语，或保留为未对应（这些行将被拒绝）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="240"/>
        <source>Use the &amp;nearest terms</source>
        <translation>使用最接近的术语(&amp;N)</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="241"/>
        <source>Map every unmapped value to its nearest term</source>
        <translation>将每个未对应的值对应到最接近的术语</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="243"/>
        <source>Add the rest as &amp;new terms</source>
        <translation>其余的新增为术语(&amp;N)</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="244"/>
        <source>Add every unmapped value as a new term named by the value</source>
        <translation>将每个未对应的值新增为术语，并以该值命名</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="246"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="246"/>
        <source>Value in the file</source>
        <translation>文件中的值</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="246"/>
        <source>Rows</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="247"/>
        <source>Term</source>
        <translation>术语</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="247"/>
        <source>New term: Chinese name</source>
        <translation>新术语：中文名称</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="248"/>
        <source>New term: English name</source>
        <translation>新术语：英文名称</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="258"/>
        <source>Chinese name of the new term for “%1”</source>
        <translation>“%1”的新术语的中文名称</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="259"/>
        <source>English name of the new term for “%1”</source>
        <translation>“%1”的新术语的英文名称</translation>
    </message>
    <message>
        <location filename="../interchange/terms_editor.py" line="249"/>
        <source>Unknown vocabulary terms</source>
        <translation>未知的词表术语</translation>
    </message>
</context>
</TS>
