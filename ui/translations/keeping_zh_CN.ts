<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SafekeepingActions</name>
    <message>
        <location filename="../keeping/actions.py" line="77"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="78"/>
        <source>&amp;Check the archive…</source>
        <translation>检查档案(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="79"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="99"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="101"/>
        <source>Backed up</source>
        <translation>已备份</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="102"/>
        <source>A verified backup was written to:</source>
        <translation>已写入并校验备份：</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="115"/>
        <source>Automatic backup written:</source>
        <translation>已自动备份：</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="119"/>
        <source>Automatic backup failed:</source>
        <translation>自动备份失败：</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="128"/>
        <source>Check failed</source>
        <translation>检查失败</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="132"/>
        <source>No problems found: the database, its links, the search index and every image file (%n file(s) checked) are sound.</source>
        <translation>未发现问题：数据库、关联、搜索索引和全部图像文件（已检查 %n 个）均完好。</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="136"/>
        <source>Problems found:</source>
        <translation>发现以下问题：</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="137"/>
        <source>Nothing was changed. `main.py media-check --repair FOLDER` puts moved image files back.</source>
        <translation>未作任何改动。可用 `main.py media-check --repair 文件夹` 找回被移动的图像文件。</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="138"/>
        <source>Check the archive</source>
        <translation>检查档案</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="145"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="145"/>
        <source>There are no backups of this archive yet.</source>
        <translation>此档案还没有备份。</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="147"/>
        <location filename="../keeping/actions.py" line="153"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="148"/>
        <source>Backup to restore (newest first):</source>
        <translation>选择要恢复的备份（最新的在前）：</translation>
    </message>
    <message>
        <location filename="../keeping/actions.py" line="154"/>
        <source>The archive will be closed, its current state backed up, and the backup of %1 restored; then it opens again. Continue?</source>
        <translation>将关闭档案，先备份当前状态，再恢复 %1 的备份，然后重新打开。继续吗？</translation>
    </message>
</context>
</TS>
