<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>JobsPanel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>actbert::data::AnnotationFormats</name>
    <message>
        <source>YouCook2 annotations</source>
        <translation>YouCook2 标注</translation>
    </message>
    <message>
        <source>YouCook2 clips</source>
        <translation>YouCook2 片段</translation>
    </message>
    <message>
        <source>MSR-VTT</source>
        <translation>MSR-VTT</translation>
    </message>
    <message>
        <source>HowTo100M captions</source>
        <translation>HowTo100M 字幕</translation>
    </message>
    <message>
        <source>COIN</source>
        <translation>COIN</translation>
    </message>
    <message>
        <source>CrossTask</source>
        <translation>CrossTask</translation>
    </message>
    <message>
        <source>ELAN</source>
        <translation>ELAN</translation>
    </message>
    <message>
        <source>WebVTT subtitles</source>
        <translation>WebVTT 字幕</translation>
    </message>
    <message>
        <source>SubRip subtitles</source>
        <translation>SubRip 字幕</translation>
    </message>
    <message>
        <source>Generic CSV</source>
        <translation>通用 CSV</translation>
    </message>
    <message>
        <source>Generic JSON</source>
        <translation>通用 JSON</translation>
    </message>
</context>
<context>
    <name>actbert::ui::DemoLauncher</name>
    <message>
        <source>Preparing the demo in %1...</source>
        <translation>正在 %1 中准备演示……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>ActBERT Studio demo</source>
        <translation>ActBERT Studio 演示</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>正在取消……</translation>
    </message>
    <message>
        <source>Preparing the demo: %1</source>
        <translation>正在准备演示：%1</translation>
    </message>
</context>
<context>
    <name>actbert::ui::ImportExportFlow</name>
    <message>
        <source>Imported %1 items in %2 tracks from %3 (%4 new videos)</source>
        <translation>已从 %3 导入 %2 条轨道中的 %1 个条目（新增 %4 个视频）</translation>
    </message>
    <message>
        <source>Import of %1 cancelled: the project is unchanged</source>
        <translation>已取消导入 %1：项目未改变</translation>
    </message>
    <message>
        <source>Cannot import %1: %2
The project is unchanged.</source>
        <translation>无法导入 %1：%2
项目未改变。</translation>
    </message>
    <message>
        <source>Open or create a project first: annotations are imported into it</source>
        <translation>请先打开或新建项目：标注将导入到该项目中</translation>
    </message>
    <message>
        <source>Open or create a project first: its annotations are exported</source>
        <translation>请先打开或新建项目：将导出该项目的标注</translation>
    </message>
    <message>
        <source>%1 (%2)...</source>
        <translation>%1（%2）……</translation>
    </message>
    <message>
        <source>%1 (%2);;All files (*)</source>
        <translation>%1 (%2);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>Open or create a project before importing annotations.</source>
        <translation>导入标注前请先打开或新建项目。</translation>
    </message>
    <message>
        <source>An import is still running: wait for it or cancel it.</source>
        <translation>仍有导入正在进行：请等待其完成或取消。</translation>
    </message>
    <message>
        <source>Importing %1...</source>
        <translation>正在导入 %1……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reading the files...</source>
        <translation>正在读取文件……</translation>
    </message>
    <message>
        <source>Writing into the project...</source>
        <translation>正在写入项目……</translation>
    </message>
    <message>
        <source>Open or create a project before exporting annotations.</source>
        <translation>导出标注前请先打开或新建项目。</translation>
    </message>
    <message>
        <source>Exported %1 items of %2 videos to %3</source>
        <translation>已将 %2 个视频的 %1 个条目导出到 %3</translation>
    </message>
    <message>
        <source>Cannot export to %1: %2</source>
        <translation>无法导出到 %1：%2</translation>
    </message>
    <message>
        <source>ActBERT Studio</source>
        <translation>ActBERT Studio</translation>
    </message>
    <message>
        <source>Export to %1 cancelled: nothing was written</source>
        <translation>导出到 %1 已取消：未写入任何内容</translation>
    </message>
    <message>
        <source>An export is still running: wait for it or cancel it.</source>
        <translation>导出仍在进行中：请等待其完成或取消它。</translation>
    </message>
    <message>
        <source>Reading the annotations from the project...</source>
        <translation>正在从项目读取标注...</translation>
    </message>
    <message>
        <source>Writing the file...</source>
        <translation>正在写入文件...</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>正在导出到 %1...</translation>
    </message>
    <message>
        <source>subtitle stream %1 of %2</source>
        <translation>%2 的字幕流 %1</translation>
    </message>
    <message>
        <source>Imported %1 cues of %2 into the track &apos;%3&apos;</source>
        <translation>已将 %2 的 %1 条字幕导入轨道“%3”</translation>
    </message>
    <message>
        <source>no language</source>
        <translation>无语言</translation>
    </message>
    <message>
        <source>Stream %1: %2</source>
        <translation>流 %1：%2</translation>
    </message>
    <message>
        <source>Subtitles from video</source>
        <translation>来自视频的字幕</translation>
    </message>
    <message>
        <source>Open or create a project first: subtitles are imported into it</source>
        <translation>请先打开或创建项目：字幕将导入其中</translation>
    </message>
    <message>
        <source>Open a video first: its subtitle streams are listed here</source>
        <translation>请先打开视频：此处列出其字幕流</translation>
    </message>
    <message>
        <source>The video on screen (%1) has no file in the project</source>
        <translation>屏幕上的视频（%1）在项目中没有文件</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 has no subtitle streams</source>
        <translation>%1 没有字幕流</translation>
    </message>
    <message>
        <source>%1 (pictures, not text: cannot be a narration)</source>
        <translation>%1（图像而非文本：不能作为旁白）</translation>
    </message>
</context>
<context>
    <name>actbert::ui::JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>For</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>The selected job&apos;s log</source>
        <translation>所选任务的日志</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>Scrub proxy</source>
        <translation>拖动预览代理</translation>
    </message>
    <message>
        <source>Demo preparation</source>
        <translation>准备演示</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>actbert::ui::MainWindow</name>
    <message>
        <source>ActBERT Studio</source>
        <translation>ActBERT 工作室</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project...</source>
        <translation>新建项目(&amp;N)...</translation>
    </message>
    <message>
        <source>&amp;Open project...</source>
        <translation>打开项目(&amp;O)...</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>Open &amp;video...</source>
        <translation>打开视频(&amp;V)...</translation>
    </message>
    <message>
        <source>&amp;Add videos to project...</source>
        <translation>向项目添加视频(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>设置(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ActBERT Studio</source>
        <translation>关于 ActBERT Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About ActBERT Studio</source>
        <translation>关于 ActBERT Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ActBERT Studio&lt;/h3&gt;&lt;p&gt;Understand instructional videos with ActBERT (Zhu &amp;amp; Yang, CVPR 2020).&lt;/p&gt;&lt;p&gt;%1&lt;br&gt;Qt %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ActBERT Studio&lt;/h3&gt;&lt;p&gt;用 ActBERT 理解教学视频（Zhu &amp;amp; Yang，CVPR 2020）。&lt;/p&gt;&lt;p&gt;%1&lt;br&gt;Qt %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>actbert::ui::PlayerPanel</name>
    <message>
        <source>No video open</source>
        <translation>未打开视频</translation>
    </message>
    <message>
        <source>key frame</source>
        <translation>关键帧</translation>
    </message>
    <message>
        <source>Frame %1 / %2   %3 (%4 s)   %5</source>
        <translation>帧 %1 / %2   %3 (%4 秒)   %5</translation>
    </message>
    <message>
        <source>Playing %1x</source>
        <translation>播放中 %1x</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>actbert::ui::ProjectPanel</name>
    <message>
        <source>Drop videos here to add them</source>
        <translation>将视频拖放到此处以添加</translation>
    </message>
</context>
<context>
    <name>actbert::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language (applies after a restart):</source>
        <translation>语言（重启后生效）：</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>%1 is bound to both &apos;%2&apos; and &apos;%3&apos;</source>
        <translation>%1 同时绑定到“%2”和“%3”</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StartupScript</name>
    <message>
        <source>Timed out waiting for frame %1</source>
        <translation>等待第 %1 帧超时</translation>
    </message>
    <message>
        <source>Frame %1 is past the end of the video (last frame %2)</source>
        <translation>第 %1 帧超出视频末尾（最后一帧为 %2）</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StoreTimelineEditor</name>
    <message>
        <source>Nothing to split at the playhead</source>
        <translation>播放头处没有可拆分的内容</translation>
    </message>
    <message>
        <source>No next item to merge with</source>
        <translation>没有可合并的下一项</translation>
    </message>
    <message>
        <source>No track selected to accept</source>
        <translation>未选择要接受的轨道</translation>
    </message>
    <message>
        <source>The label is unchanged</source>
        <translation>标签未改变</translation>
    </message>
    <message>
        <source>No track selected</source>
        <translation>未选择轨道</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StudioActions</name>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Play backwards (repeat: faster)</source>
        <translation>倒放（重复按：加速）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play forwards (repeat: faster)</source>
        <translation>正放（重复按：加速）</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>One second forwards</source>
        <translation>前进一秒</translation>
    </message>
    <message>
        <source>One second backwards</source>
        <translation>后退一秒</translation>
    </message>
    <message>
        <source>Set in point</source>
        <translation>设置入点</translation>
    </message>
    <message>
        <source>Set out point</source>
        <translation>设置出点</translation>
    </message>
    <message>
        <source>Split at playhead</source>
        <translation>在播放头处拆分</translation>
    </message>
    <message>
        <source>Previous boundary</source>
        <translation>上一个边界</translation>
    </message>
    <message>
        <source>Next boundary</source>
        <translation>下一个边界</translation>
    </message>
    <message>
        <source>Next low-confidence item</source>
        <translation>下一个低置信度项</translation>
    </message>
    <message>
        <source>Previous low-confidence item</source>
        <translation>上一个低置信度项</translation>
    </message>
    <message>
        <source>Merge with next item</source>
        <translation>与下一项合并</translation>
    </message>
    <message>
        <source>Delete item</source>
        <translation>删除项</translation>
    </message>
    <message>
        <source>Relabel item</source>
        <translation>重新标注项</translation>
    </message>
    <message>
        <source>Accept item</source>
        <translation>接受项</translation>
    </message>
    <message>
        <source>Reject item</source>
        <translation>拒绝项</translation>
    </message>
    <message>
        <source>Create item from in to out</source>
        <translation>从入点到出点创建项</translation>
    </message>
    <message>
        <source>Previous track</source>
        <translation>上一条轨道</translation>
    </message>
    <message>
        <source>Next track</source>
        <translation>下一条轨道</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom to whole video</source>
        <translation>缩放到整个视频</translation>
    </message>
    <message>
        <source>Zoom to single frames</source>
        <translation>缩放到单帧</translation>
    </message>
    <message>
        <source>Go to frame or time...</source>
        <translation>转到帧或时间...</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Show region boxes</source>
        <translation>显示区域框</translation>
    </message>
    <message>
        <source>Show caption</source>
        <translation>显示字幕</translation>
    </message>
    <message>
        <source>Show current step</source>
        <translation>显示当前步骤</translation>
    </message>
    <message>
        <source>Accept all unreviewed items of the track...</source>
        <translation>接受该轨道上所有未审核的条目……</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StudioFlow</name>
    <message>
        <source>No project open: timeline edits go to a temporary project and are not saved</source>
        <translation>未打开项目：时间轴的编辑保存在临时项目中，不会被保存</translation>
    </message>
    <message>
        <source>Open video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mkv *.avi *.mov *.webm *.m4v);;All files (*)</source>
        <translation>视频 (*.mp4 *.mkv *.avi *.mov *.webm *.m4v);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add videos</source>
        <translation>添加视频</translation>
    </message>
    <message>
        <source>ActBERT projects (*.actbert);;All files (*)</source>
        <translation>ActBERT 项目 (*.actbert);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>%1 - ActBERT Studio</source>
        <translation>%1 - ActBERT 工作室</translation>
    </message>
    <message>
        <source>Project %1: every edit is saved at once</source>
        <translation>项目 %1：每次编辑都会立即保存</translation>
    </message>
    <message>
        <source>Cannot open project %1: %2</source>
        <translation>无法打开项目 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <source>Frame number, or time in seconds ending in s (12.5s):</source>
        <translation>帧号，或以 s 结尾的秒数（12.5s）：</translation>
    </message>
    <message>
        <source>Not a frame number or a time: %1</source>
        <translation>不是帧号也不是时间：%1</translation>
    </message>
    <message>
        <source>No video file: the project holds only its annotations</source>
        <translation>没有视频文件：项目中只有其标注</translation>
    </message>
    <message>
        <source>Bulk accept needs a video open</source>
        <translation>批量接受需要打开一个视频</translation>
    </message>
    <message>
        <source>Cannot accept: %1</source>
        <translation>无法接受：%1</translation>
    </message>
    <message>
        <source>No unreviewed items to accept on this track</source>
        <translation>此轨道上没有可接受的未审核条目</translation>
    </message>
    <message>
        <source>Accept all unreviewed items</source>
        <translation>接受所有未审核的条目</translation>
    </message>
    <message>
        <source>Accept the unreviewed items of track &quot;%1&quot; whose confidence is at least
(0 accepts all of them, also those without a confidence):</source>
        <translation>接受轨道“%1”上置信度不低于以下数值的未审核条目
（0 表示全部接受，包括没有置信度的条目）：</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n item(s): %1 undoes it</source>
        <translation>
            <numerusform>已接受 %n 个条目：按 %1 可撤销</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1: reading its frame index...</source>
        <translation>正在打开 %1：读取帧索引…</translation>
    </message>
    <message>
        <source>Opening %1 was cancelled</source>
        <translation>已取消打开 %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
</context>
<context>
    <name>actbert::ui::TimelinePainter</name>
    <message>
        <source> (partition)</source>
        <translation>（分区）</translation>
    </message>
</context>
<context>
    <name>actbert::ui::TimelineText</name>
    <message>
        <source>Actions</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>自由</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>actbert::ui::TimelineView</name>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>No video open</source>
        <translation>未打开视频</translation>
    </message>
</context>
<context>
    <name>actbert::ui::VideoListModel</name>
    <message>
        <source>%1 (cannot open)</source>
        <translation>%1（无法打开）</translation>
    </message>
    <message>
        <source>%1
%2 frames, %3 fps</source>
        <translation>%1
%2 帧，%3 帧/秒</translation>
    </message>
</context>
<context>
    <name>actbert::ui::VideoView</name>
    <message>
        <source>No video</source>
        <translation>无视频</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Frame-exact video annotation studio for ActBERT</source>
        <translation>面向 ActBERT 的逐帧精确视频标注工作室</translation>
    </message>
    <message>
        <source>Open the project file P.</source>
        <translation>打开项目文件 P。</translation>
    </message>
    <message>
        <source>Open the video file VIDEO.</source>
        <translation>打开视频文件 VIDEO。</translation>
    </message>
    <message>
        <source>Show frame N of the video.</source>
        <translation>显示视频的第 N 帧。</translation>
    </message>
    <message>
        <source>Save a picture of the window as PNG once ready.</source>
        <translation>就绪后将窗口截图保存为 PNG。</translation>
    </message>
    <message>
        <source>Quit when done.</source>
        <translation>完成后退出。</translation>
    </message>
    <message>
        <source>Open the demo data set in DIR (made there if missing).</source>
        <translation>打开 DIR 中的演示数据集（若不存在则在该处生成）。</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Cannot prepare the demo: %1</source>
        <translation>无法准备演示：%1</translation>
    </message>
    <message>
        <source>The demo was cancelled</source>
        <translation>演示已取消</translation>
    </message>
</context>
</TS>
