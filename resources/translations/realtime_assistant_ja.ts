<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../assistant/ui/about.py" line="57"/>
        <source>About Realtime Assistant</source>
        <translation>Realtime Assistant について</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/about.py" line="59"/>
        <source>Not found in this installation; see {url}.</source>
        <translation>このインストールには含まれていません。{url} をご覧ください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/about.py" line="62"/>
        <source>MIT License. Includes third-party software under its own licenses.</source>
        <translation>MIT ライセンス。第三者のソフトウェアをそれぞれのライセンスのもとで含みます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/about.py" line="71"/>
        <source>License</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/about.py" line="72"/>
        <source>Third-party notices</source>
        <translation>第三者ソフトウェアの表示</translation>
    </message>
</context>
<context>
    <name>AppCore</name>
    <message>
        <location filename="../../assistant/app/core.py" line="67"/>
        <source>Something went wrong inside the app; it was logged and the conversation goes on.</source>
        <translation>アプリ内部でエラーが発生しました。記録したうえで会話を続けます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/core.py" line="70"/>
        <source>The connection kept stopping on an error inside the app, so it was not started again; the conversation is kept.</source>
        <translation>アプリ内部のエラーで接続が繰り返し止まったため、再接続をやめました。会話は保持されています。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/core.py" line="77"/>
        <source>The connection dropped while you were talking, so that turn was not sent. Please say it again.</source>
        <translation>話している途中で接続が切れたため、その発言は送信されませんでした。もう一度話してください。</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../assistant/ui/approval.py" line="40"/>
        <source>Allow this tool to run?</source>
        <translation>このツールの実行を許可しますか？</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/approval.py" line="45"/>
        <source>The assistant wants to run the tool {tool} on this computer.</source>
        <translation>アシスタントがこのコンピューターでツール {tool} を実行しようとしています。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/approval.py" line="48"/>
        <source>The assistant wants to run the tool {tool} on the MCP server {server}.</source>
        <translation>アシスタントが MCP サーバー {server} でツール {tool} を実行しようとしています。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/approval.py" line="58"/>
        <source>Allow once</source>
        <translation>今回だけ許可</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/approval.py" line="59"/>
        <source>Always allow</source>
        <translation>常に許可</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/approval.py" line="60"/>
        <source>Deny</source>
        <translation>拒否</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/approval.py" line="72"/>
        <source>Arguments</source>
        <translation>引数</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="175"/>
        <source>Remove {name}</source>
        <translation>{name} を外す</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="210"/>
        <source>Pictures to send</source>
        <translation>送信する画像</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="43"/>
        <source>At most {limit} pictures can wait to be sent; the others were not attached.</source>
        <translation>送信待ちにできる画像は {limit} 枚までです。残りは添付されませんでした。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="46"/>
        <source>Only files on this computer can be attached ({name} is not one).</source>
        <translation>添付できるのはこのコンピューター上のファイルだけです（{name} は該当しません）。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="49"/>
        <source>There is no picture in what was dropped or pasted.</source>
        <translation>ドロップまたは貼り付けた内容に画像がありません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="50"/>
        <source>Pasted picture</source>
        <translation>貼り付けた画像</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="51"/>
        <source>The pictures could not be read, so nothing was attached; the log says why.</source>
        <translation>画像を読み込めなかったため、何も添付されていません。理由はログに記録されています。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="55"/>
        <source>GPT-Live does not take pictures.</source>
        <translation>GPT-Live は画像を受け付けません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="56"/>
        <source>The Azure preview protocol does not take pictures; the GA endpoint (/openai/v1/realtime) does.</source>
        <translation>Azure のプレビュー プロトコルは画像を受け付けません。GA エンドポイント（/openai/v1/realtime）なら受け付けます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/attachments.py" line="269"/>
        <source>Pictures ({patterns})</source>
        <translation>画像 ({patterns})</translation>
    </message>
</context>
<context>
    <name>Audio</name>
    <message>
        <location filename="../../assistant/app/audio.py" line="47"/>
        <source>No microphone or speaker was found: text only.</source>
        <translation>マイクもスピーカーも見つかりません。テキストのみで使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="49"/>
        <source>The microphone {device} stopped; switching devices.</source>
        <translation>マイク {device} が停止しました。別のデバイスに切り替えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="52"/>
        <source>The speaker {device} stopped; switching devices.</source>
        <translation>スピーカー {device} が停止しました。別のデバイスに切り替えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="55"/>
        <source>Using the microphone {device} again.</source>
        <translation>マイク {device} を再び使用しています。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="56"/>
        <source>Using the speaker {device} again.</source>
        <translation>スピーカー {device} を再び使用しています。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="57"/>
        <source>The chosen microphone {wanted} is not available; using {device} instead.</source>
        <translation>選択したマイク {wanted} が使えないため、代わりに {device} を使用しています。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="60"/>
        <source>The chosen speaker {wanted} is not available; using {device} instead.</source>
        <translation>選択したスピーカー {wanted} が使えないため、代わりに {device} を使用しています。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="63"/>
        <source>No microphone is available; the app keeps looking for one.</source>
        <translation>使えるマイクがありません。見つかるまで探し続けます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="66"/>
        <source>No speaker is available; the app keeps looking for one.</source>
        <translation>使えるスピーカーがありません。見つかるまで探し続けます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="73"/>
        <source>The microphone {device} has sent only zeros for {seconds} s: it may be muted, in use elsewhere or the wrong device.</source>
        <translation>マイク {device} は {seconds} 秒間ゼロしか送っていません。ミュートされているか、他で使用中か、違うデバイスかもしれません。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="78"/>
        <source>The microphone {device} has sent the same value for {seconds} s: it may be muted, in use elsewhere or the wrong device.</source>
        <translation>マイク {device} は {seconds} 秒間同じ値しか送っていません。ミュートされているか、他で使用中か、違うデバイスかもしれません。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="132"/>
        <source>Echo cancellation is not available ({why}): the microphone now pauses while the assistant speaks. Interrupt it with the talk key, the stop button, by typing, or by speaking up.</source>
        <translation>エコーキャンセルを使えません（{why}）。アシスタントが話している間はマイクを一時停止します。話すキー、停止ボタン、文字の入力、または大きめの声で割り込めます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="137"/>
        <source>Local speech detection is not available ({why}): interruptions wait for the server.</source>
        <translation>ローカルの発話検出を使えません（{why}）。割り込みはサーバーの検出を待ちます。</translation>
    </message>
    <message>
        <location filename="../../assistant/audio/canceller.py" line="34"/>
        <source>livekit could not be loaded ({error})</source>
        <translation>livekit を読み込めませんでした ({error})</translation>
    </message>
    <message>
        <location filename="../../assistant/audio/canceller.py" line="35"/>
        <source>the echo canceller failed to start ({error})</source>
        <translation>エコーキャンセラーを開始できませんでした ({error})</translation>
    </message>
    <message>
        <location filename="../../assistant/audio/voice_activity.py" line="34"/>
        <source>webrtcvad could not be loaded ({error})</source>
        <translation>webrtcvad を読み込めませんでした ({error})</translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="46"/>
        <source>The microphone does not hear the speaker: you can talk over the assistant, and Echo handling on Auto stays off for this pair.</source>
        <translation>マイクにスピーカーの音は入っていません。アシスタントの発話中でも話しかけられます。エコー処理が「自動」なら、この組み合わせではオフになります。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="51"/>
        <source>The microphone hears the speaker faintly: keep Echo handling on Auto or Cancel echo so the assistant does not interrupt itself.</source>
        <translation>マイクにスピーカーの音がわずかに入っています。アシスタントが自分の声で中断しないよう、エコー処理は「自動」か「エコーキャンセル」にしてください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="56"/>
        <source>The microphone hears the speaker loudly: keep Echo handling on Auto or Cancel echo, or use headphones for the most reliable interruptions.</source>
        <translation>マイクにスピーカーの音が大きく入っています。エコー処理は「自動」か「エコーキャンセル」にしてください。割り込みを最も確実にするにはヘッドホンを使ってください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="61"/>
        <source>The input records the output almost unchanged (a monitor or loopback input?): pick a real microphone for this speaker.</source>
        <translation>入力が出力をほぼそのまま録音しています（モニターやループバック入力では？）。このスピーカーには実際のマイクを選んでください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="66"/>
        <source>The microphone delivered only silence: check that it is connected and not muted, or pick another input.</source>
        <translation>マイクから無音しか届きませんでした。接続されていてミュートされていないか確認するか、別の入力を選んでください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="92"/>
        <source>Echo heard at {db:.0f} dB, {ms:.0f} ms after playing.</source>
        <translation>再生から {ms:.0f} ms 後に {db:.0f} dB のエコーを検出しました。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="97"/>
        <source>No echo heard.</source>
        <translation>エコーは検出されませんでした。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="124"/>
        <source>Input level</source>
        <translation>入力レベル</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="129"/>
        <source>Test for echo</source>
        <translation>エコーをテスト</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="131"/>
        <source>Plays a short sweep on the speaker and listens with the microphone.</source>
        <translation>スピーカーで短いスイープ音を鳴らし、マイクで聞き取ります。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="134"/>
        <source>Microphone</source>
        <translation>マイク</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="135"/>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="136"/>
        <source>Speaker</source>
        <translation>スピーカー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="140"/>
        <source>Echo handling</source>
        <translation>エコー処理</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="166"/>
        <source>Not connected now: {devices}. The system default is used until then.</source>
        <translation>現在未接続: {devices}。接続されるまでシステムの既定デバイスを使います。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="178"/>
        <source>System default ({name})</source>
        <translation>システムの既定 ({name})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="182"/>
        <source> (default)</source>
        <translation>（既定）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="186"/>
        <source>{device} (not connected)</source>
        <translation>{device}（未接続）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/audio_page.py" line="229"/>
        <source>Listening for the speaker…</source>
        <translation>スピーカーの音を聞いています…</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio_choice.py" line="27"/>
        <source>The probe needs both a microphone and a speaker.</source>
        <translation>このテストにはマイクとスピーカーの両方が必要です。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio_choice.py" line="28"/>
        <source>The probe could not run: a device did not open or delivered no sound.</source>
        <translation>テストを実行できませんでした。デバイスが開けないか、音が届きませんでした。</translation>
    </message>
</context>
<context>
    <name>Bridge</name>
    <message>
        <location filename="../../assistant/ui/bridge.py" line="41"/>
        <source>Hold the talk key a little longer: nothing was sent.</source>
        <translation>話すキーをもう少し長く押してください。何も送信されていません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/bridge.py" line="42"/>
        <source>The MCP server {server} could not list its tools, so they are unavailable.</source>
        <translation>MCP サーバー {server} がツールの一覧を取得できなかったため、そのツールは使えません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/bridge.py" line="45"/>
        <source>Remote MCP tools need the GA Realtime API; this Azure preview endpoint cannot use them, so they are off for this session (switch the endpoint to GA to use them).</source>
        <translation>リモート MCP ツールには GA 版 Realtime API が必要です。この Azure プレビューのエンドポイントでは使えないため、このセッションではオフになっています(使うにはエンドポイントを GA に切り替えてください)。</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="20"/>
        <source>You</source>
        <translation>あなた</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="21"/>
        <source>Assistant</source>
        <translation>アシスタント</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="22"/>
        <source>Tool</source>
        <translation>ツール</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="23"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="24"/>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="25"/>
        <source>MCP</source>
        <translation>MCP</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="26"/>
        <source>Approval</source>
        <translation>承認</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="57"/>
        <source>preamble</source>
        <translation>前置き</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="58"/>
        <source>Speaker {label}</source>
        <translation>話者 {label}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="67"/>
        <source>spoken</source>
        <translation>音声</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="100"/>
        <source>Picture: {name}, {width}x{height}</source>
        <translation>画像: {name}、{width}x{height}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="120"/>
        <source>(not transcribed: {reason})</source>
        <translation>（文字起こしできませんでした: {reason}）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="124"/>
        <source>(transcribing…)</source>
        <translation>（文字起こし中…）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="126"/>
        <source>(no transcript)</source>
        <translation>（文字起こしなし）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="139"/>
        <source>(cut off: the connection dropped)</source>
        <translation>（途切れました: 接続が切れました）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="165"/>
        <source>you cut in at {seconds:.1f} s</source>
        <translation>{seconds:.1f} 秒で割り込み</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="182"/>
        <source>{server}: could not list its tools</source>
        <translation>{server}: ツールの一覧を取得できませんでした</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="186"/>
        <source>{server}: listing tools…</source>
        <translation>{server}: ツールの一覧を取得中…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="188"/>
        <source>{server}: 1 tool</source>
        <translation>{server}: ツール 1 個</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="189"/>
        <source>{server}: {count} tools</source>
        <translation>{server}: ツール {count} 個</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="204"/>
        <source>approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="206"/>
        <source>declined</source>
        <translation>拒否</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="209"/>
        <source>withdrawn: the connection dropped</source>
        <translation>取り消し: 接続が切れました</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="210"/>
        <source>waiting for your answer</source>
        <translation>回答待ち</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="214"/>
        <source>{server} asks to run {tool}</source>
        <translation>{server} が {tool} の実行を求めています</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="248"/>
        <source>(running…)</source>
        <translation>（実行中…）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="253"/>
        <source>arguments</source>
        <translation>引数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="254"/>
        <source>result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_model.py" line="29"/>
        <source>new server session: the conversation continues</source>
        <translation>サーバーの新しいセッション：会話は続きます</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_delegate.py" line="76"/>
        <source>picture not found</source>
        <translation>画像が見つかりません</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../assistant/ui/chat_view.py" line="90"/>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_view.py" line="284"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_view.py" line="286"/>
        <source>Select all</source>
        <translation>すべて選択</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <location filename="../../assistant/settings/checks.py" line="30"/>
        <source>Azure needs the resource endpoint: its name (my-resource) or its address (https://my-resource.openai.azure.com).</source>
        <translation>Azure にはリソースのエンドポイントが必要です: 名前 (my-resource) かアドレス (https://my-resource.openai.azure.com) を入力してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="35"/>
        <source>The endpoint is neither an Azure resource name (letters, digits and hyphens) nor an https:// or wss:// address with a host name.</source>
        <translation>エンドポイントが Azure のリソース名 (英数字とハイフン) でも、ホスト名のある https:// または wss:// のアドレスでもありません。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="40"/>
        <source>A custom endpoint needs its ws:// or wss:// address.</source>
        <translation>カスタム エンドポイントには ws:// または wss:// のアドレスが必要です。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="43"/>
        <source>The endpoint is not a ws:// or wss:// address with a host name (for example wss://example.com/v1/realtime).</source>
        <translation>エンドポイントがホスト名のある ws:// または wss:// のアドレスではありません (例: wss://example.com/v1/realtime)。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="48"/>
        <source>Azure needs the name of a realtime deployment.</source>
        <translation>Azure には Realtime 用デプロイの名前が必要です。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="49"/>
        <source>A deployment name has only letters, digits, dots, hyphens and underscores (at most 64).</source>
        <translation>デプロイ名に使えるのは英数字、ピリオド、ハイフン、アンダースコアだけです (64 文字まで)。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="53"/>
        <source>A model name has only letters, digits, dots, colons, hyphens and underscores (at most 100).</source>
        <translation>モデル名に使えるのは英数字、ピリオド、コロン、ハイフン、アンダースコアだけです (100 文字まで)。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="57"/>
        <source>The Azure api-version is not a date such as 2025-04-01-preview.</source>
        <translation>Azure の api-version が 2025-04-01-preview のような日付になっていません。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="60"/>
        <source>No OpenAI API key: type one in Settings, set OPENAI_API_KEY, or store one with &apos;realtime-assistant keys set openai&apos;.</source>
        <translation>OpenAI の API キーがありません: 設定で入力するか、OPENAI_API_KEY を設定するか、&apos;realtime-assistant keys set openai&apos; で保存してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="65"/>
        <source>No Azure key: type one in Settings, set AZURE_OPENAI_API_KEY, or store one with &apos;realtime-assistant keys set azure&apos;; or sign in with Microsoft Entra ID.</source>
        <translation>Azure のキーがありません: 設定で入力するか、AZURE_OPENAI_API_KEY を設定するか、&apos;realtime-assistant keys set azure&apos; で保存してください。または Microsoft Entra ID でサインインしてください。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="70"/>
        <source>The key has spaces, line breaks or characters an API key cannot have: paste it again.</source>
        <translation>キーに空白、改行、または API キーに使えない文字が含まれています。もう一度貼り付けてください。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/checks.py" line="75"/>
        <source>The screen key is the same combination as the talk key: choose another one for one of them.</source>
        <translation>画面キーが話すキーと同じ組み合わせです。どちらかを別のキーにしてください。</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../assistant/ui/composer.py" line="119"/>
        <source>Type a message and press Enter</source>
        <translation>メッセージを入力して Enter を押してください</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/composer.py" line="120"/>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/composer.py" line="121"/>
        <source>Attach…</source>
        <translation>添付…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/composer.py" line="124"/>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/composer.py" line="160"/>
        <source>Pictures cannot be attached here.</source>
        <translation>ここでは画像を添付できません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/composer.py" line="169"/>
        <source>Attach pictures (PNG, JPEG, GIF, WebP, BMP)</source>
        <translation>画像を添付（PNG、JPEG、GIF、WebP、BMP）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/composer.py" line="176"/>
        <source>The pictures waiting here are not sent: {reason}</source>
        <translation>ここで待っている画像は送信されません: {reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/composer.py" line="243"/>
        <source>Attach pictures</source>
        <translation>画像を添付</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <location filename="../../assistant/app/connection.py" line="28"/>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../../assistant/app/connection.py" line="29"/>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <location filename="../../assistant/app/connection.py" line="30"/>
        <source>Custom endpoint</source>
        <translation>カスタム エンドポイント</translation>
    </message>
    <message>
        <location filename="../../assistant/app/connection.py" line="31"/>
        <source>Offline demo</source>
        <translation>オフラインデモ</translation>
    </message>
    <message>
        <location filename="../../assistant/app/connection.py" line="32"/>
        <source>OpenAI GPT-Live</source>
        <translation>OpenAI GPT-Live</translation>
    </message>
    <message>
        <location filename="../../assistant/app/connection.py" line="33"/>
        <source>Azure GPT-Live</source>
        <translation>Azure GPT-Live</translation>
    </message>
    <message>
        <location filename="../../assistant/app/connection.py" line="38"/>
        <source>Offline demo: no OpenAI key is set (keyring or OPENAI_API_KEY).</source>
        <translation>オフラインデモ: OpenAI のキーが設定されていません (キーリングまたは OPENAI_API_KEY)。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/connection.py" line="41"/>
        <source>{why} The offline demo runs until it is fixed.</source>
        <translation>{why}直るまではオフラインデモで動作します。</translation>
    </message>
</context>
<context>
    <name>Cost</name>
    <message>
        <location filename="../../assistant/ui/cost.py" line="26"/>
        <source>audio {count}</source>
        <translation>音声 {count}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="26"/>
        <source>cached {count}</source>
        <translation>キャッシュ {count}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="31"/>
        <source>{input} in{details}{sep}{output} out{output_details} tokens</source>
        <translation>入力 {input}{details}{sep}出力 {output}{output_details} トークン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="43"/>
        <source>{seconds} s of session</source>
        <translation>セッション {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="50"/>
        <source>no price known</source>
        <translation>料金不明</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="51"/>
        <source> + unpriced tokens</source>
        <translation> + 料金不明のトークン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="54"/>
        <source>No price is known for this model: tokens only, never a guess.</source>
        <translation>このモデルの料金は不明です。推測はせず、トークン数のみ表示します。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="63"/>
        <source>Priced so far:</source>
        <translation>これまでの料金:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="64"/>
        <source>input text {input_text}, input audio {input_audio}, cached input {cached}, output text {output_text}, output audio {output_audio}, transcription {transcription}</source>
        <translation>入力テキスト {input_text}、入力音声 {input_audio}、キャッシュ入力 {cached}、出力テキスト {output_text}、出力音声 {output_audio}、文字起こし {transcription}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="72"/>
        <source>session time {dollars}</source>
        <translation>セッション時間 {dollars}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="80"/>
        <source>Budget: {spent} of {budget} used</source>
        <translation>予算: {budget} のうち {spent} 使用</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="82"/>
        <source>80 % of the {budget} session budget is used ({spent}).</source>
        <translation>セッション予算 {budget} の 80 % を使いました（{spent}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="86"/>
        <source>The {budget} session budget is used up ({spent}).</source>
        <translation>セッション予算 {budget} を使い切りました（{spent}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/assembly.py" line="231"/>
        <source>80 % of the session budget is used.</source>
        <translation>セッション予算の 80 % を使いました。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/assembly.py" line="233"/>
        <source>The session budget is used up.</source>
        <translation>セッション予算を使い切りました。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/assembly.py" line="234"/>
        <source>The session budget is used up, so the microphone is muted. Unmute it to go on.</source>
        <translation>セッション予算を使い切ったため、マイクをミュートしました。続けるにはミュートを解除してください。</translation>
    </message>
</context>
<context>
    <name>CostPanel</name>
    <message>
        <location filename="../../assistant/ui/cost.py" line="123"/>
        <source>Last reply</source>
        <translation>直前の返答</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="124"/>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="132"/>
        <source>Cost</source>
        <translation>料金</translation>
    </message>
</context>
<context>
    <name>EchoChoice</name>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="24"/>
        <source>Auto (recommended)</source>
        <translation>自動（おすすめ）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="25"/>
        <source>Cancels echo, unless the echo test found that this microphone does not hear this speaker.</source>
        <translation>エコーを除去します。ただし、エコーのテストでこのマイクにこのスピーカーの音が入らないと分かった場合は何もしません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="33"/>
        <source>Cancel echo</source>
        <translation>エコーキャンセル</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="34"/>
        <source>Removes the assistant&apos;s voice from the microphone, so you can talk over it.</source>
        <translation>マイクからアシスタントの声を取り除くので、発話中でも話しかけられます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="41"/>
        <source>Half-duplex</source>
        <translation>半二重</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="42"/>
        <source>Pauses the microphone while the assistant speaks; interrupt with the talk key, the stop button, by typing or by speaking up.</source>
        <translation>アシスタントが話している間はマイクを一時停止します。話すキー、停止ボタン、文字の入力、または大きめの声で割り込めます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="50"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="51"/>
        <source>Sends the microphone as it is: for headphones or a headset.</source>
        <translation>マイクの音をそのまま送ります。ヘッドホンやヘッドセット向けです。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="56"/>
        <source>Auto: cancelling echo (no echo test yet).</source>
        <translation>自動：エコーを除去しています（エコーのテストはまだです）。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="57"/>
        <source>Auto: cancelling echo — the test heard the speaker at {db:.0f} dB.</source>
        <translation>自動：エコーを除去しています — テストでスピーカーの音を {db:.0f} dB で検出しました。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="60"/>
        <source>Auto: off — the test found no echo.</source>
        <translation>自動：オフ — テストでエコーは検出されませんでした。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/echo_choice.py" line="87"/>
        <source>Echo handling</source>
        <translation>エコー処理</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="33"/>
        <source>&lt;h3&gt;Welcome to Realtime Assistant&lt;/h3&gt;&lt;p&gt;You are talking to the built-in offline demo: it needs no key and no network, and it only echoes what it hears. To talk to a real model, enter an OpenAI API key. It is kept in your system keyring, never in a file.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Realtime Assistant へようこそ&lt;/h3&gt;&lt;p&gt;いま話している相手は内蔵のオフラインデモです。キーもネットワークも不要ですが、聞いた内容を繰り返すだけです。本物のモデルと話すには OpenAI の API キーを入力してください。キーはシステムのキーリングに保存され、ファイルには書き込まれません。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="59"/>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="63"/>
        <source>Keep the key for this run only (nothing is written)</source>
        <translation>キーを今回の実行中だけ保持する（どこにも書き込みません）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="66"/>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="70"/>
        <source>Connect to OpenAI</source>
        <translation>OpenAI に接続</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="72"/>
        <source>Azure OpenAI or another endpoint…</source>
        <translation>Azure OpenAI または他のエンドポイント…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="73"/>
        <source>Keep trying the offline demo</source>
        <translation>オフラインデモを続ける</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="92"/>
        <source>OpenAI API key</source>
        <translation>OpenAI API キー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="115"/>
        <source>&lt;h3&gt;Your microphone and speaker&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;マイクとスピーカー&lt;/h3&gt;</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../assistant/ui/history_model.py" line="31"/>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_model.py" line="32"/>
        <source>Last active</source>
        <translation>最終更新</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_model.py" line="33"/>
        <source>Cost</source>
        <translation>料金</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_model.py" line="34"/>
        <source>Match</source>
        <translation>一致箇所</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_model.py" line="37"/>
        <source>new server session: the conversation continued</source>
        <translation>サーバーの新しいセッション：会話は続きました</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_model.py" line="38"/>
        <source>the server session reached its time limit: the conversation continued</source>
        <translation>サーバーのセッションが時間の上限に達しました：会話は続きました</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_model.py" line="41"/>
        <source>continued from the history</source>
        <translation>履歴から続けました</translation>
    </message>
    <message>
        <location filename="../../assistant/app/history.py" line="39"/>
        <source>This conversation is not being saved: the history could not be opened ({reason}).</source>
        <translation>この会話は保存されていません。履歴を開けませんでした（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/history.py" line="42"/>
        <source>The history could not be saved; the conversation goes on ({reason}).</source>
        <translation>履歴を保存できませんでしたが、会話は続けられます（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/store/recorder.py" line="61"/>
        <source>The conversation history could not be saved yet: {error}</source>
        <translation>会話の履歴をまだ保存できていません: {error}</translation>
    </message>
    <message>
        <location filename="../../assistant/store/recorder.py" line="64"/>
        <source>The conversation history could not be saved for too long; the conversation goes on, and all of it is saved again once the history can be written.</source>
        <translation>会話の履歴を長い間保存できませんでした。会話はそのまま続き、履歴に書き込めるようになったら会話全体をもう一度保存します。</translation>
    </message>
</context>
<context>
    <name>HistoryBrowser</name>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="58"/>
        <source>Conversation history</source>
        <translation>会話の履歴</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="63"/>
        <source>Search all conversations</source>
        <translation>すべての会話を検索</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="95"/>
        <source>&amp;Continue</source>
        <translation>続ける(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="96"/>
        <source>&amp;Rename</source>
        <translation>名前を変更(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="97"/>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="98"/>
        <source>Export &amp;Markdown…</source>
        <translation>Markdown で書き出す(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="99"/>
        <source>Export &amp;JSON…</source>
        <translation>JSON で書き出す(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="100"/>
        <source>Export event &amp;log…</source>
        <translation>イベントログを書き出す(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="107"/>
        <source>The session events for a bug report, without audio</source>
        <translation>不具合報告用のセッションイベント（音声は含みません）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="141"/>
        <source>The history could not be read: {reason}</source>
        <translation>履歴を読み込めませんでした：{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assistant/ui/history_browser.py" line="150"/>
        <source>%n conversation(s) match.</source>
        <translation>
            <numerusform>%n 件の会話が一致しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assistant/ui/history_browser.py" line="151"/>
        <source>%n conversation(s).</source>
        <translation>
            <numerusform>%n 件の会話</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="180"/>
        <source>The conversation could not be renamed: {reason}</source>
        <translation>会話の名前を変更できませんでした：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="189"/>
        <source>Delete conversation</source>
        <translation>会話を削除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="190"/>
        <source>Delete “{title}” for good? It cannot be brought back.</source>
        <translation>「{title}」を完全に削除しますか？元に戻せません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="204"/>
        <source>The conversation could not be deleted: {reason}</source>
        <translation>会話を削除できませんでした：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="207"/>
        <source>The conversation was deleted.</source>
        <translation>会話を削除しました。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="216"/>
        <source>No event log was kept for this conversation.</source>
        <translation>この会話のイベントログは保存されていません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="219"/>
        <source>Export conversation</source>
        <translation>会話を書き出す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="236"/>
        <source>The export could not be written: {reason}</source>
        <translation>書き出せませんでした：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="238"/>
        <source>Saved to {path}.</source>
        <translation>{path} に保存しました。</translation>
    </message>
</context>
<context>
    <name>Hotkey</name>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="21"/>
        <source>The global hotkey is unavailable on Wayland; the in-window key (Space) still works.</source>
        <translation>Wayland ではグローバルホットキーは使えません。ウィンドウ内のキー（Space）は引き続き使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="25"/>
        <source>The global hotkey needs an X11 display and there is none; the in-window key (Space) still works.</source>
        <translation>グローバルホットキーには X11 のディスプレイが必要ですが、見つかりません。ウィンドウ内のキー（Space）は引き続き使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="30"/>
        <source>The global hotkey is unavailable: the X server has no RECORD extension; the in-window key (Space) still works.</source>
        <translation>グローバルホットキーは使えません。X サーバーに RECORD 拡張がありません。ウィンドウ内のキー（Space）は引き続き使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="35"/>
        <source>The global hotkey is unavailable: its library (pynput) could not be loaded ({detail}); the in-window key (Space) still works.</source>
        <translation>グローバルホットキーは使えません。ライブラリ（pynput）を読み込めませんでした（{detail}）。ウィンドウ内のキー（Space）は引き続き使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="40"/>
        <source>The global hotkey needs permission: allow Realtime Assistant under System Settings, Privacy &amp; Security, Accessibility and Input Monitoring, then start it again; the in-window key (Space) still works.</source>
        <translation>グローバルホットキーには許可が必要です。システム設定の「プライバシーとセキュリティ」で「アクセシビリティ」と「入力監視」に Realtime Assistant を許可し、起動し直してください。ウィンドウ内のキー（Space）は引き続き使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="46"/>
        <source>The global hotkey stopped working ({detail}); the in-window key (Space) still works. Save the settings again to restart it.</source>
        <translation>グローバルホットキーが停止しました（{detail}）。ウィンドウ内のキー（Space）は引き続き使えます。再開するには設定をもう一度保存してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="51"/>
        <source>The global hotkey setting “{detail}” is not a key this app can listen for; choose one in Settings.</source>
        <translation>グローバルホットキーの設定「{detail}」は、このアプリが受け付けられるキーではありません。設定で選び直してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="60"/>
        <source>The screen key is unavailable on Wayland; Ask about my screen in the Conversation menu still works.</source>
        <translation>Wayland では画面キーは使えません。「会話」メニューの「画面について質問」は引き続き使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="65"/>
        <source>The screen key needs an X11 display and there is none.</source>
        <translation>画面キーには X11 のディスプレイが必要ですが、見つかりません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="68"/>
        <source>The screen key is unavailable: the X server has no RECORD extension; Ask about my screen in the Conversation menu still works.</source>
        <translation>画面キーは使えません。X サーバーに RECORD 拡張がありません。「会話」メニューの「画面について質問」は引き続き使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="73"/>
        <source>The screen key is unavailable: its library (pynput) could not be loaded ({detail}).</source>
        <translation>画面キーは使えません。ライブラリ（pynput）を読み込めませんでした（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="77"/>
        <source>The screen key needs permission: allow Realtime Assistant under System Settings, Privacy &amp; Security, Accessibility and Input Monitoring, then start it again.</source>
        <translation>画面キーには許可が必要です。システム設定の「プライバシーとセキュリティ」で「アクセシビリティ」と「入力監視」に Realtime Assistant を許可し、起動し直してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="82"/>
        <source>The screen key stopped working ({detail}). Save the settings again to restart it.</source>
        <translation>画面キーが停止しました（{detail}）。再開するには設定をもう一度保存してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="86"/>
        <source>The screen key setting “{detail}” is not a key this app can listen for; choose one in Settings.</source>
        <translation>画面キーの設定「{detail}」は、このアプリが受け付けられるキーではありません。設定で選び直してください。</translation>
    </message>
</context>
<context>
    <name>HotkeyEdit</name>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="126"/>
        <source>Global talk key</source>
        <translation>グローバル話すキー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="121"/>
        <source>Works while the window is in the background. Empty: off.</source>
        <translation>ウィンドウが背面にあっても使えます。空欄ならオフです。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="123"/>
        <source>Captures the screen for the next turn, then talks while held, also while the window is in the background. Empty: off.</source>
        <translation>画面を撮って次の発言に添え、押している間は話せます。ウィンドウが背面にあっても使えます。空欄でオフ。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="126"/>
        <source>Global screen key</source>
        <translation>グローバル画面キー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/hotkey_edit.py" line="157"/>
        <source>That key cannot be a global hotkey: use a function key (F8), Pause, or a letter or Space with modifiers (Ctrl+Shift+Space).</source>
        <translation>そのキーはグローバルホットキーにできません。ファンクションキー（F8）、Pause、または修飾キー付きの文字か Space（Ctrl+Shift+Space）を使ってください。</translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <location filename="../../assistant/settings/secrets.py" line="142"/>
        <source>No system keyring is available, so the key cannot be stored safely. Install and unlock a keyring (GNOME Keyring, KWallet) or use an environment variable.</source>
        <translation>システムのキーリングがないため、キーを安全に保存できません。キーリング (GNOME Keyring、KWallet) をインストールしてロックを解除するか、環境変数を使ってください。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/secrets.py" line="147"/>
        <source>The system keyring is locked. Unlock it and try again.</source>
        <translation>システムのキーリングがロックされています。ロックを解除してからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/secrets.py" line="148"/>
        <source>The system keyring could not be used ({error}). Unlock it and try again.</source>
        <translation>システムのキーリングを使えませんでした ({error})。ロックを解除してからもう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>ListeningPage</name>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="139"/>
        <source>Higher: only louder sound counts as speech.</source>
        <translation>高いほど、大きな音だけを発話とみなします。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="143"/>
        <source>Never</source>
        <translation>しない</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="161"/>
        <source>Taking turns</source>
        <translation>話者の交代</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="162"/>
        <source>Speech threshold</source>
        <translation>発話のしきい値</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="163"/>
        <source>Audio kept before speech</source>
        <translation>発話前に含める音声</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="164"/>
        <source>Pause that ends a turn</source>
        <translation>ターンを終える間</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="165"/>
        <source>Prompt me after silence of</source>
        <translation>無音が続いたら促す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="166"/>
        <source>Eagerness</source>
        <translation>応答の積極性</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="167"/>
        <source>Noise reduction</source>
        <translation>ノイズ除去</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="168"/>
        <source>Transcription model</source>
        <translation>文字起こしモデル</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="169"/>
        <source>Your language</source>
        <translation>あなたの言語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="209"/>
        <source>Type a language code such as ja or pt; until then it is detected.</source>
        <translation>ja や pt のような言語コードを入力してください。それまでは自動検出します。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../assistant/ui/window.py" line="106"/>
        <source>Realtime Assistant</source>
        <translation>Realtime Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="150"/>
        <source>&amp;Assistant</source>
        <translation>アシスタント(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="151"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="154"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="157"/>
        <source>&amp;History…</source>
        <translation>履歴(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="165"/>
        <source>&amp;Conversation</source>
        <translation>会話(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="166"/>
        <source>&amp;Stop reply</source>
        <translation>返答を止める(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="169"/>
        <source>&amp;Mute microphone</source>
        <translation>マイクをミュート(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="173"/>
        <source>&amp;Type a message</source>
        <translation>メッセージを入力(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="201"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="206"/>
        <source>&amp;About Realtime Assistant…</source>
        <translation>Realtime Assistant について(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="218"/>
        <source>Turn mode ({keys})</source>
        <translation>話し方の切り替え（{keys}）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="221"/>
        <source>Hold Space (or this button) to talk and let go to send. With this button focused, Return starts a turn and Return again sends it.</source>
        <translation>スペース（またはこのボタン）を押している間に話し、離すと送信します。このボタンにフォーカスがあるときは、Return で話し始め、もう一度 Return で送信します。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="231"/>
        <source>Message ({key}); Enter sends it</source>
        <translation>メッセージ（{key}）。Enter で送信</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="199"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
</context>
<context>
    <name>Meter</name>
    <message>
        <location filename="../../assistant/ui/meter.py" line="45"/>
        <source>● Microphone live</source>
        <translation>● マイク オン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="46"/>
        <source>○ Ready, not sending</source>
        <translation>○ 待機中（送信していません）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="47"/>
        <source>○ Microphone muted</source>
        <translation>○ マイク ミュート中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="48"/>
        <source>No microphone</source>
        <translation>マイクなし</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="127"/>
        <location filename="../../assistant/ui/meter.py" line="150"/>
        <source>No speaker</source>
        <translation>スピーカーなし</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="127"/>
        <location filename="../../assistant/ui/meter.py" line="151"/>
        <source>Assistant</source>
        <translation>アシスタント</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../assistant/app/model_check.py" line="19"/>
        <source>{model} was retired on {date}, so {replacement} is used instead (Settings too).</source>
        <translation>{model} は {date} に提供終了したため、代わりに {replacement} を使います(設定も変更しました)。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/model_check.py" line="22"/>
        <source>{model} retires on {date}; {replacement} replaces it: choose it in Settings.</source>
        <translation>{model} は {date} に提供終了します。後継は {replacement} です。設定で選んでください。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/model_check.py" line="25"/>
        <source>{model} is not a model this version knows; it is used as it is (the current model is {default}).</source>
        <translation>{model} はこのバージョンが知らないモデルです。そのまま使います(現行モデルは {default} です)。</translation>
    </message>
</context>
<context>
    <name>PictureViewer</name>
    <message>
        <location filename="../../assistant/ui/picture_viewer.py" line="35"/>
        <source>{name} ({width}x{height})</source>
        <translation>{name}（{width}x{height}）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/picture_viewer.py" line="43"/>
        <source>This picture cannot be shown: its file is missing or damaged.</source>
        <translation>この画像は表示できません。ファイルがないか、壊れています。</translation>
    </message>
</context>
<context>
    <name>Pictures</name>
    <message>
        <location filename="../../assistant/app/pictures.py" line="45"/>
        <source>The file {name} could not be opened.</source>
        <translation>ファイル {name} を開けませんでした。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/pictures.py" line="46"/>
        <source>The picture {name} is too large to send (the limit is {limit} MB).</source>
        <translation>画像 {name} は大きすぎて送信できません（上限は {limit} MB です）。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/pictures.py" line="49"/>
        <source>{name} is not a picture the assistant can send (PNG, JPEG, GIF, WebP or BMP).</source>
        <translation>{name} はアシスタントに送信できる画像ではありません（PNG、JPEG、GIF、WebP、BMP のいずれか）。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/pictures.py" line="52"/>
        <source>The picture {name} could not be read: the file is damaged.</source>
        <translation>画像 {name} を読み込めませんでした。ファイルが壊れています。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/pictures.py" line="55"/>
        <source>The picture {name} has too many pixels to send (the limit is {limit} million).</source>
        <translation>画像 {name} は画素数が多すぎて送信できません（上限は {limit} 百万画素です）。</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../assistant/ui/problems.py" line="49"/>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/problems.py" line="50"/>
        <source>Open settings</source>
        <translation>設定を開く</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/problems.py" line="51"/>
        <source>Audio settings</source>
        <translation>オーディオ設定</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/problems.py" line="91"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <location filename="../../assistant/ui/screen_capture.py" line="134"/>
        <source>Drag over the part of the screen to ask about</source>
        <translation>質問したい画面の部分をドラッグしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/screen_capture.py" line="151"/>
        <source>{width} × {height}</source>
        <translation>{width} × {height}</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../assistant/ui/screen_capture.py" line="52"/>
        <source>The screen could not be captured: the picture came back empty. On Wayland the desktop does not let apps take screenshots this way; take one with the desktop&apos;s screenshot tool and attach it instead.</source>
        <translation>画面を撮れませんでした。空の画像しか得られませんでした。Wayland ではデスクトップがこの方法でのスクリーンショットを許可しません。デスクトップのスクリーンショット機能で撮り、その画像を添付してください。</translation>
    </message>
</context>
<context>
    <name>ScreenActions</name>
    <message>
        <location filename="../../assistant/ui/screen_menu.py" line="29"/>
        <source>Ask about my &amp;screen</source>
        <translation>画面について質問(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/screen_menu.py" line="32"/>
        <source>&amp;Whole screen</source>
        <translation>画面全体(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/screen_menu.py" line="34"/>
        <source>&amp;Region…</source>
        <translation>範囲を選ぶ(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/screen_menu.py" line="42"/>
        <source>Ask about my screen</source>
        <translation>画面について質問</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/screen_menu.py" line="48"/>
        <source>Screen</source>
        <translation>画面</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/screen_menu.py" line="59"/>
        <source>Ask about the whole screen ({key}); the arrow offers a region</source>
        <translation>画面全体について質問します（{key}）。矢印から範囲も選べます</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="17"/>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="18"/>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="19"/>
        <source>OpenAI GPT-Live</source>
        <translation>OpenAI GPT-Live</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="20"/>
        <source>Azure GPT-Live</source>
        <translation>Azure GPT-Live</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="21"/>
        <source>Custom endpoint</source>
        <translation>カスタム エンドポイント</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="22"/>
        <source>Offline demo (no key, no network)</source>
        <translation>オフラインデモ（キー・ネットワーク不要）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="25"/>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="26"/>
        <source>Microsoft Entra ID (sign in)</source>
        <translation>Microsoft Entra ID（サインイン）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="29"/>
        <source>A backend model calls this app&apos;s tools</source>
        <translation>バックエンドのモデルがこのアプリのツールを呼び出す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="30"/>
        <source>This app answers with its own tools</source>
        <translation>このアプリが自分のツールで答える</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="33"/>
        <source>Push to talk</source>
        <translation>押して話す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="34"/>
        <source>Hands-free: a pause ends the turn</source>
        <translation>ハンズフリー：間をあけると区切る</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="35"/>
        <source>Hands-free: the model decides</source>
        <translation>ハンズフリー：モデルが判断</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="38"/>
        <source>Detect automatically</source>
        <translation>自動検出</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="39"/>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="40"/>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="41"/>
        <source>Chinese</source>
        <translation>中国語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="42"/>
        <source>Korean</source>
        <translation>韓国語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="43"/>
        <source>German</source>
        <translation>ドイツ語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="44"/>
        <source>French</source>
        <translation>フランス語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="45"/>
        <source>Spanish</source>
        <translation>スペイン語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="46"/>
        <source>Italian</source>
        <translation>イタリア語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="47"/>
        <source>Portuguese</source>
        <translation>ポルトガル語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="48"/>
        <source>Russian</source>
        <translation>ロシア語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="49"/>
        <source>Hindi</source>
        <translation>ヒンディー語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="50"/>
        <source>Arabic</source>
        <translation>アラビア語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="51"/>
        <source>Vietnamese</source>
        <translation>ベトナム語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="52"/>
        <source>Thai</source>
        <translation>タイ語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="53"/>
        <source>Indonesian</source>
        <translation>インドネシア語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="56"/>
        <source>Follow the system</source>
        <translation>システムに合わせる</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="109"/>
        <source>This address uses the legacy preview protocol (api-version=...), which Azure is retiring. Prefer the GA address: https://&lt;resource&gt;.openai.azure.com/openai/v1/realtime.</source>
        <translation>このアドレスは旧プレビュー版プロトコル（api-version=...）を使います。Azure では廃止予定です。GA 版のアドレス https://&lt;resource&gt;.openai.azure.com/openai/v1/realtime をおすすめします。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/settings_flow.py" line="40"/>
        <source>The offline demo runs on this computer: nothing to test.</source>
        <translation>オフラインデモはこのコンピューター上で動くため、テストは不要です。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/settings_flow.py" line="154"/>
        <source>Tick the box to keep the key for this run only.</source>
        <translation>キーを今回の実行中だけ保持するには、チェックボックスをオンにしてください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="33"/>
        <source>Automatic (medium)</source>
        <translation>自動（中）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="34"/>
        <source>Low: lets you pause longer</source>
        <translation>低: 長めの間を待つ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="35"/>
        <location filename="../../assistant/ui/voice_page.py" line="42"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="36"/>
        <source>High: answers sooner</source>
        <translation>高: すぐに応答する</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="39"/>
        <source>The model&apos;s default (low)</source>
        <translation>モデルの既定 (low)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="40"/>
        <source>Minimal: fastest replies</source>
        <translation>最小: 最も速く答える</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="41"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="43"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="44"/>
        <source>Extra high: slowest, most thorough</source>
        <translation>最高: 最も遅く、最も入念</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="47"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="48"/>
        <source>Near field (headset, laptop microphone)</source>
        <translation>近距離（ヘッドセット、ノートPCのマイク）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="49"/>
        <source>Far field (conference or room microphone)</source>
        <translation>遠距離（会議用・室内マイク）</translation>
    </message>
    <message>
        <location filename="../../assistant/app/assembly.py" line="360"/>
        <source>The assistant has already spoken in this conversation, so the new voice is used from the next start.</source>
        <translation>この会話ではアシスタントがすでに話しているため、新しい声は次回の起動から使われます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/assembly.py" line="383"/>
        <source>GPT-Live fixes its instructions and tools when the conversation starts, so the new ones are used from the next start.</source>
        <translation>GPT-Live は会話の開始時に指示とツールを固定するため、新しい設定は次回の開始から使われます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/main.py" line="225"/>
        <source>The setting could not be saved ({reason}); it applies until the app is closed.</source>
        <translation>設定を保存できませんでした（{reason}）。アプリを閉じるまでは有効です。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="237"/>
        <source>The settings file {path} could not be used ({why}) and could not be backed up, so the defaults apply and settings are not saved until it is fixed.</source>
        <translation>設定ファイル {path} を使えず ({why})、退避もできませんでした。既定値を使い、直るまで設定は保存されません。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="242"/>
        <source>The settings file could not be used ({why}); it was kept as {backup} and the defaults apply.</source>
        <translation>設定ファイルを使えませんでした ({why})。{backup} として残し、既定値を使います。</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="246"/>
        <source>the unusable settings file {path} is kept as it is</source>
        <translation>使えない設定ファイル {path} をそのまま残しています</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="247"/>
        <source>it is not UTF-8 text</source>
        <translation>UTF-8 のテキストではありません</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="248"/>
        <source>it is a folder</source>
        <translation>フォルダーです</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="249"/>
        <source>it is nested too deeply</source>
        <translation>入れ子が深すぎます</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="250"/>
        <source>it is not valid JSON</source>
        <translation>正しい JSON ではありません</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="251"/>
        <source>it cannot be read ({error})</source>
        <translation>読み取れません ({error})</translation>
    </message>
    <message>
        <location filename="../../assistant/settings/store.py" line="252"/>
        <source>it is not a JSON object</source>
        <translation>JSON オブジェクトではありません</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="133"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="154"/>
        <source>The backend model may also search the web</source>
        <translation>バックエンドのモデルにウェブ検索も許可する</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="157"/>
        <source>GPT-Live listens while it speaks: it has no typed turn (a typed message reaches it as an instruction), it is billed per second of session, and echo cancellation is always on.</source>
        <translation>GPT-Live は話しながら聞いています。入力した文字のターンはなく(入力したメッセージは指示として届きます)、料金はセッションの秒数で計算され、エコーキャンセルは常にオンです。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="164"/>
        <source>my-resource, https://… or wss://…</source>
        <translation>my-resource、https://… または wss://…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="169"/>
        <source>Keep the key for this run only (nothing is written)</source>
        <translation>キーを今回の実行中だけ保持する（どこにも書き込みません）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="176"/>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="180"/>
        <source>No budget</source>
        <translation>予算なし</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="181"/>
        <source>Mute the microphone when the budget is reached</source>
        <translation>予算に達したらマイクをミュートする</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="186"/>
        <source>Let the assistant call tools (which ones: the Tools tab)</source>
        <translation>アシスタントにツールの呼び出しを許可する（どのツールかは「ツール」タブで）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="187"/>
        <source>Keep conversations in the history</source>
        <translation>会話を履歴に残す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="188"/>
        <source>Also keep the audio of each turn</source>
        <translation>各ターンの音声も残す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="189"/>
        <source>Takes effect from the next start of Realtime Assistant.</source>
        <translation>Realtime Assistant の次回起動時から有効になります。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="198"/>
        <source>The server decides</source>
        <translation>サーバーに任せる</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="201"/>
        <source>When a long conversation fills the model&apos;s context, the server drops the oldest turns and keeps this share. Keeping less drops more at once, so the cached start of the conversation stays valid for more turns (cheaper).</source>
        <translation>長い会話がモデルのコンテキストを埋めると、サーバーは古いターンを削ってこの割合だけ残します。残す割合を小さくすると一度に多く削るので、キャッシュされた会話の冒頭がより多くのターンで有効なままになります(安くなります)。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="207"/>
        <source> tokens</source>
        <translation> トークン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="208"/>
        <source>The model&apos;s limit</source>
        <translation>モデルの上限</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="210"/>
        <source>Trim once the conversation after the instructions is this long.</source>
        <translation>指示の後の会話がこの長さになったら削ります。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="216"/>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="217"/>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="218"/>
        <source>Listening</source>
        <translation>聞き取り</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="219"/>
        <source>Audio</source>
        <translation>オーディオ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="246"/>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="247"/>
        <source>Endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="248"/>
        <source>Deployment</source>
        <translation>デプロイ名</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="249"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="250"/>
        <source>Sign-in</source>
        <translation>認証方法</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="251"/>
        <source>Tasks</source>
        <translation>タスク</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="253"/>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="270"/>
        <source>Session budget</source>
        <translation>セッション予算</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="272"/>
        <source>Keep of a long conversation</source>
        <translation>長い会話で残す割合</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="273"/>
        <source>Trim long conversations at</source>
        <translation>長い会話を削る長さ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="274"/>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="277"/>
        <source>Global talk key</source>
        <translation>グローバル話すキー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="279"/>
        <source>Global screen key</source>
        <translation>グローバル画面キー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="283"/>
        <source>Tray</source>
        <translation>トレイ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="284"/>
        <source>Display language</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="285"/>
        <source>A new display language is used from the next start.</source>
        <translation>表示言語の変更は次回の起動から反映されます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="362"/>
        <source>Testing…</source>
        <translation>テスト中…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="391"/>
        <source>stored in the keyring (type to replace)</source>
        <translation>キーリングに保存済み（入力すると置き換えます）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="435"/>
        <source>Save is off until this is fixed: {problem}</source>
        <translation>次の点を直すまで保存できません: {problem}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="438"/>
        <source>Save is off until these are fixed:
{problems}</source>
        <translation>次の点を直すまで保存できません:
{problems}</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="29"/>
        <source>Space (hold)</source>
        <translation>スペース（押し続ける）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="30"/>
        <source>Talk while held, in push to talk (not while a button or a text box has the focus)</source>
        <translation>押している間に話す（押して話すモード。ボタンや入力欄にフォーカスがあるときを除く）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="36"/>
        <source>Return on the talk button</source>
        <translation>話すボタンで Return</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="37"/>
        <source>Start a turn; Return again sends it</source>
        <translation>話し始める。もう一度 Return で送信</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="40"/>
        <source>Space or Return on a button</source>
        <translation>ボタンでスペースまたは Return</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="41"/>
        <source>Press the button</source>
        <translation>ボタンを押す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="44"/>
        <source>Enter in the message box</source>
        <translation>メッセージ欄で Enter</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="45"/>
        <source>Send the message</source>
        <translation>メッセージを送信</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="48"/>
        <source>Tab, Shift+Tab</source>
        <translation>Tab、Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="49"/>
        <source>Move to the next or previous control</source>
        <translation>次または前の操作部品へ移動</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="52"/>
        <source>{key} (hold, in any program)</source>
        <translation>{key}（押し続ける。どのアプリでも）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="53"/>
        <source>Talk while held: the global talk key (Settings)</source>
        <translation>押している間に話す：グローバル通話キー（設定）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="54"/>
        <source>Attach the whole screen, then talk while held: the global screen key (Settings)</source>
        <translation>画面全体を添付し、押している間は話す：グローバル画面キー（設定）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="77"/>
        <source>{menu}: {entry}</source>
        <translation>{menu}：{entry}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="102"/>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="104"/>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/shortcuts.py" line="104"/>
        <source>What they do</source>
        <translation>動作</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../assistant/ui/status.py" line="26"/>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="27"/>
        <source>Connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="28"/>
        <source>Reconnecting…</source>
        <translation>再接続中…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="29"/>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="30"/>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="41"/>
        <source>Ready</source>
        <translation>待機中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="42"/>
        <source>Listening</source>
        <translation>聞き取り中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="43"/>
        <source>Thinking</source>
        <translation>考え中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="44"/>
        <source>Speaking</source>
        <translation>話し中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="51"/>
        <source>session {minutes}:{seconds:02d} left</source>
        <translation>セッション残り {minutes}:{seconds:02d}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="118"/>
        <source>Reconnecting: {detail}.</source>
        <translation>再接続中: {detail}。</translation>
    </message>
</context>
<context>
    <name>TalkBar</name>
    <message>
        <location filename="../../assistant/ui/talk.py" line="104"/>
        <source>Turn mode</source>
        <translation>話し方</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="105"/>
        <location filename="../../assistant/ui/talk.py" line="176"/>
        <source>Hold to talk (Space)</source>
        <translation>押して話す（スペース）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="106"/>
        <location filename="../../assistant/ui/talk.py" line="221"/>
        <source>Mute microphone</source>
        <translation>マイクをミュート</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="108"/>
        <source>Stop reply</source>
        <translation>返答を止める</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="129"/>
        <source>No microphone: type below</source>
        <translation>マイクなし: 下に入力してください</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="176"/>
        <source>Listening hands-free</source>
        <translation>ハンズフリーで聞き取り中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="187"/>
        <source>Listening… press again to send</source>
        <translation>聞いています… もう一度押すと送信</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="188"/>
        <source>Listening… let go to send</source>
        <translation>聞き取り中… 離すと送信</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="221"/>
        <source>Unmute microphone</source>
        <translation>ミュート解除</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../assistant/text.py" line="75"/>
        <source>{first} {rest}</source>
        <translation>{first}{rest}</translation>
    </message>
</context>
<context>
    <name>ToolDialog</name>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="64"/>
        <source>Edit tool</source>
        <translation>ツールを編集</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="64"/>
        <source>Add tool</source>
        <translation>ツールを追加</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="66"/>
        <source>HTTP request</source>
        <translation>HTTP リクエスト</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="67"/>
        <source>Local command</source>
        <translation>ローカルコマンド</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="68"/>
        <source>Remote MCP server</source>
        <translation>リモート MCP サーバー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="71"/>
        <source>Ask each time</source>
        <translation>毎回確認</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="72"/>
        <source>Allow</source>
        <translation>許可</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="114"/>
        <source>One per line: Name: value ({secret:NAME} reads the keyring)</source>
        <translation>1 行に 1 つ: 名前: 値（{secret:NAME} はキーリングから読み取ります）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="116"/>
        <source>One argument per line; {name} alone on a line is a parameter</source>
        <translation>1 行に 1 つの引数。1 行に {name} だけを書くとパラメーターになります</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="118"/>
        <source>Tool names separated by commas (empty: all)</source>
        <translation>ツール名をカンマで区切って入力（空欄: すべて）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="120"/>
        <source>The name of a keyring secret (optional)</source>
        <translation>キーリングのシークレット名（省略可）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="127"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="129"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="130"/>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="131"/>
        <source>Method</source>
        <translation>メソッド</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="132"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="133"/>
        <source>Headers</source>
        <translation>ヘッダー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="134"/>
        <source>Command</source>
        <translation>コマンド</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="135"/>
        <source>Parameters (JSON Schema)</source>
        <translation>パラメーター（JSON Schema）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="136"/>
        <source>Timeout (seconds)</source>
        <translation>タイムアウト（秒）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="137"/>
        <source>Permission</source>
        <translation>許可設定</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="138"/>
        <source>Allowed tools</source>
        <translation>許可するツール</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="139"/>
        <source>Approval</source>
        <translation>承認</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="140"/>
        <source>Authorization secret</source>
        <translation>認証シークレット</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="235"/>
        <source>Write each header on its own line as Name: value.</source>
        <translation>ヘッダーは 1 行に 1 つずつ「名前: 値」の形で書いてください。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tool_dialog.py" line="249"/>
        <source>The parameters are not valid JSON (line {line}: {reason}).</source>
        <translation>パラメーターが正しい JSON ではありません（{line} 行目: {reason}）。</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="40"/>
        <source>Allow</source>
        <translation>許可</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="41"/>
        <source>Ask each time</source>
        <translation>毎回確認</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="42"/>
        <source>Deny</source>
        <translation>拒否</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="45"/>
        <source>built-in</source>
        <translation>組み込み</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="46"/>
        <source>HTTP (tools file)</source>
        <translation>HTTP（ツールファイル）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="47"/>
        <source>command (tools file)</source>
        <translation>コマンド（ツールファイル）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="48"/>
        <source>MCP server (tools file)</source>
        <translation>MCP サーバー（ツールファイル）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="52"/>
        <source>Ask each time (set in the file)</source>
        <translation>毎回確認（ファイルで設定）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="53"/>
        <source>Allow (set in the file)</source>
        <translation>許可（ファイルで設定）</translation>
    </message>
    <message>
        <location filename="../../assistant/app/assembly.py" line="259"/>
        <source>The tools file has problems ({first}); see Settings, Tools.</source>
        <translation>ツールファイルに問題があります（{first}）。設定の「ツール」を確認してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/filewrite.py" line="22"/>
        <source>null values cannot be written in the tools file (TOML has no null)</source>
        <translation>ツールファイルには null 値を書き込めません (TOML には null がありません)</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/filewrite.py" line="25"/>
        <source>The tools file changed since it was read: press Reload and try again.</source>
        <translation>ツールファイルは読み込んだ後に変更されています。「再読み込み」を押してからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/tools_page_flow.py" line="42"/>
        <source>The tools file could not be written ({reason}).</source>
        <translation>ツールファイルに書き込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/commands.py" line="34"/>
        <source>command must be a non-empty list of strings</source>
        <translation>command は空でない文字列のリストにしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/commands.py" line="35"/>
        <source>the program (the first element of command) cannot be a parameter</source>
        <translation>プログラム (command の最初の要素) をパラメーターにはできません</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/commands.py" line="38"/>
        <source>the placeholder in {part} must be a whole element of command</source>
        <translation>{part} のプレースホルダーは command の要素全体にしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/mcp.py" line="18"/>
        <source>MCP server {server} is left out: {why}.</source>
        <translation>MCP サーバー {server} は使われません: {why}。</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/registry.py" line="106"/>
        <source>the name {name} must be 1-64 letters, digits, _ or -</source>
        <translation>名前 {name} は英数字、_、- で 1〜64 文字にしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/registry.py" line="107"/>
        <source>there is already a tool named {name}</source>
        <translation>{name} という名前のツールはすでにあります</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/registry.py" line="108"/>
        <source>the timeout must be a positive number of seconds</source>
        <translation>タイムアウトは正の秒数にしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/schema.py" line="21"/>
        <source>the parameters schema is invalid: {message}</source>
        <translation>parameters のスキーマが正しくありません: {message}</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/schema.py" line="22"/>
        <source>the parameters schema must have &quot;type&quot;: &quot;object&quot;</source>
        <translation>parameters のスキーマには &quot;type&quot;: &quot;object&quot; が必要です</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/templates.py" line="41"/>
        <source>the secret &apos;{name}&apos; is not in the keyring (store it with &apos;realtime-assistant keys set --tool {name}&apos;)</source>
        <translation>シークレット &apos;{name}&apos; がキーリングにありません (&apos;realtime-assistant keys set --tool {name}&apos; で保存してください)</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="90"/>
        <source>the file cannot be read ({error})</source>
        <translation>ファイルを読み取れません ({error})</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="91"/>
        <source>this entry cannot be loaded ({error})</source>
        <translation>この項目は読み込めません ({error})</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="92"/>
        <source>&apos;{key}&apos; is outside a [[tool]] or [[mcp]] table</source>
        <translation>&apos;{key}&apos; が [[tool]] または [[mcp]] テーブルの外にあります</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="93"/>
        <source>TOML syntax: {error}</source>
        <translation>TOML の構文: {error}</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="94"/>
        <source>tool {name} needs either url = ... (HTTP) or command = [...]</source>
        <translation>ツール {name} には url = ... (HTTP) か command = [...] のどちらかが必要です</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="97"/>
        <source>parameters must be a table (a JSON Schema)</source>
        <translation>parameters はテーブル (JSON Schema) にしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="98"/>
        <source>url must start with http:// or https:// and name a host</source>
        <translation>url は http:// か https:// で始め、ホストを指定してください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="99"/>
        <source>the host in url cannot be a parameter</source>
        <translation>url のホストをパラメーターにはできません</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="100"/>
        <source>method must be one of {methods}</source>
        <translation>method は {methods} のいずれかにしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="101"/>
        <source>headers must be a table of strings</source>
        <translation>headers は文字列のテーブルにしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="102"/>
        <source>the properties of parameters must be a table</source>
        <translation>parameters の properties はテーブルにしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="103"/>
        <source>{name} in {key} is not one of the parameters</source>
        <translation>{key} の {name} はパラメーターにありません</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="104"/>
        <source>server_label {label} must be unique: letters, digits, _ or -</source>
        <translation>server_label {label} は重複しない英数字、_、- にしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="107"/>
        <source>server_url must start with https:// (or http://)</source>
        <translation>server_url は https:// (または http://) で始めてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="108"/>
        <source>require_approval must be &quot;always&quot; or &quot;never&quot;</source>
        <translation>require_approval は &quot;always&quot; か &quot;never&quot; にしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="109"/>
        <source>allowed_tools must be a list of tool names</source>
        <translation>allowed_tools はツール名のリストにしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="110"/>
        <source>unknown key &apos;{key}&apos; (allowed: {allowed})</source>
        <translation>不明なキー &apos;{key}&apos; (使えるキー: {allowed})</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="111"/>
        <source>{key} must be a string</source>
        <translation>{key} は文字列にしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="112"/>
        <source>{key} is required</source>
        <translation>{key} は必須です</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="113"/>
        <source>{key} cannot hold a {{secret:...}}: only headers can</source>
        <translation>{key} には {{secret:...}} を使えません: 使えるのは headers だけです</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="114"/>
        <source>permission must be &quot;allow&quot;, &quot;ask&quot; or &quot;deny&quot;</source>
        <translation>permission は &quot;allow&quot;、&quot;ask&quot;、&quot;deny&quot; のいずれかにしてください</translation>
    </message>
    <message>
        <location filename="../../assistant/tools/userfile.py" line="115"/>
        <source>timeout must be a number of seconds up to {limit}</source>
        <translation>timeout は {limit} 秒までの数値にしてください</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="98"/>
        <source>On</source>
        <translation>有効</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="98"/>
        <source>Tool</source>
        <translation>ツール</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="98"/>
        <source>From</source>
        <translation>提供元</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="98"/>
        <source>Permission</source>
        <translation>許可設定</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="110"/>
        <source>Open the tools file</source>
        <translation>ツールファイルを開く</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="111"/>
        <source>Reload</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="114"/>
        <source>Add tool…</source>
        <translation>ツールを追加…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="115"/>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="116"/>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="142"/>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="157"/>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="158"/>
        <source>Your tools file: {path}</source>
        <translation>ツールファイル: {path}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="163"/>
        <source>Problems in the tools file (these entries were skipped):</source>
        <translation>ツールファイルの問題（次の項目は読み込まれていません）:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="222"/>
        <source>Delete tool</source>
        <translation>ツールを削除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tools_page.py" line="223"/>
        <source>Delete the tool {name} from the tools file?</source>
        <translation>ツール {name} をツールファイルから削除しますか？</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <location filename="../../assistant/transport/connection.py" line="56"/>
        <source>{reason}; attempt {attempt} in {delay}</source>
        <translation>{reason}。{delay}後に {attempt} 回目を試します</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/connection.py" line="57"/>
        <source>{reason}; attempt {attempt} of {limit} in {delay}</source>
        <translation>{reason}。{delay}後に {attempt}/{limit} 回目を試します</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/connection.py" line="58"/>
        <source>the server answered HTTP {status}</source>
        <translation>サーバーが HTTP {status} を返しました</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/connection.py" line="59"/>
        <source>the address is not a WebSocket URL</source>
        <translation>アドレスが WebSocket の URL ではありません</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/connection.py" line="60"/>
        <source>the connection closed ({reason})</source>
        <translation>接続が閉じられました ({reason})</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/connection.py" line="61"/>
        <source>the server started no session within {seconds}</source>
        <translation>サーバーが {seconds}以内にセッションを開始しませんでした</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/connection.py" line="62"/>
        <source>starting a fresh server session</source>
        <translation>新しいサーバーセッションを開始しています</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/connection.py" line="63"/>
        <source>connection lost</source>
        <translation>接続が切れました</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/endpoints.py" line="31"/>
        <source>{provider} {url} ({dialect})</source>
        <translation>{provider} {url} ({dialect})</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/endpoints.py" line="32"/>
        <source>legacy preview protocol</source>
        <translation>旧プレビュー プロトコル</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/endpoints.py" line="33"/>
        <source>GA protocol</source>
        <translation>GA プロトコル</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/endpoints.py" line="34"/>
        <source>GPT-Live</source>
        <translation>GPT-Live</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="40"/>
        <source>Check the key (Keys and Endpoint in the Azure portal) or your Entra ID sign-in.</source>
        <translation>キー (Azure portal の「キーとエンドポイント」) か Entra ID のサインインを確認してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="44"/>
        <source>Check the API key in Settings (or the environment variable you named).</source>
        <translation>設定の API キー (または指定した環境変数) を確認してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="47"/>
        <source>Check the key configured for this endpoint.</source>
        <translation>このエンドポイントに設定したキーを確認してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="49"/>
        <source>{host} rejected the credentials (HTTP {status}). {hint}</source>
        <translation>{host} が認証情報を拒否しました (HTTP {status})。{hint}</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="50"/>
        <source>Azure refused deployment &apos;{deployment}&apos; for realtime (HTTP 400). Deploy a realtime model (gpt-realtime family) and use that deployment&apos;s name.</source>
        <translation>Azure がデプロイ &apos;{deployment}&apos; を Realtime 用として拒否しました (HTTP 400)。Realtime モデル (gpt-realtime 系) をデプロイし、そのデプロイ名を使ってください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="55"/>
        <source>{host} refused the connection (HTTP {status}). Try again later.</source>
        <translation>{host} が接続を拒否しました (HTTP {status})。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="58"/>
        <source>Azure found no realtime deployment &apos;{deployment}&apos; at {host} on the preview API. Check the deployment name, or use the GA URL (/openai/v1/realtime).</source>
        <translation>プレビュー API では {host} に Realtime のデプロイ &apos;{deployment}&apos; が見つかりませんでした。デプロイ名を確認するか、GA の URL (/openai/v1/realtime) を使ってください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="63"/>
        <source>Azure found no realtime deployment &apos;{deployment}&apos; at {host} (HTTP 404). Check the resource endpoint and the deployment name.</source>
        <translation>{host} に Realtime のデプロイ &apos;{deployment}&apos; が見つかりませんでした (HTTP 404)。リソースのエンドポイントとデプロイ名を確認してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="68"/>
        <source>{host} has no Realtime endpoint at that address (HTTP 404). Check the URL.</source>
        <translation>{host} のそのアドレスには Realtime のエンドポイントがありません (HTTP 404)。URL を確認してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="71"/>
        <source>Could not reach {host} ({reason}). Check your internet connection and the endpoint address.</source>
        <translation>{host} に接続できませんでした ({reason})。インターネット接続とエンドポイントのアドレスを確認してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="75"/>
        <source>The server rejected the account: {message} {hint}</source>
        <translation>サーバーがアカウントを拒否しました: {message} {hint}</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="78"/>
        <source>This endpoint no longer accepts the preview (beta) protocol. Use the GA URL (/v1/realtime, or /openai/v1/realtime on Azure).</source>
        <translation>このエンドポイントはプレビュー (ベータ) プロトコルを受け付けなくなりました。GA の URL (/v1/realtime、Azure では /openai/v1/realtime) を使ってください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="83"/>
        <source>The account cannot be used right now: {message} Check billing and quota for the account.</source>
        <translation>このアカウントは現在使えません: {message} アカウントの請求とクォータを確認してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="87"/>
        <source>The server refused the session: {message}</source>
        <translation>サーバーがセッションを拒否しました: {message}</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="89"/>
        <source>Could not reconnect to {host} after 1 attempt: {reason}. Check your internet connection and the endpoint address, or try again later.</source>
        <translation>{host} に 1 回試しましたが再接続できませんでした: {reason}。インターネット接続とエンドポイントのアドレスを確認するか、しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="94"/>
        <source>Could not reconnect to {host} after {attempts} attempts: {reason}. Check your internet connection and the endpoint address, or try again later.</source>
        <translation>{host} に {attempts} 回試しましたが再接続できませんでした: {reason}。インターネット接続とエンドポイントのアドレスを確認するか、しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="99"/>
        <source>Could not connect to {host} after 1 attempt: {reason}. Check your internet connection and the endpoint address, or try again later.</source>
        <translation>{host} に 1 回試しましたが接続できませんでした: {reason}。インターネット接続とエンドポイントのアドレスを確認するか、しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="104"/>
        <source>Could not connect to {host} after {attempts} attempts: {reason}. Check your internet connection and the endpoint address, or try again later.</source>
        <translation>{host} に {attempts} 回試しましたが接続できませんでした: {reason}。インターネット接続とエンドポイントのアドレスを確認するか、しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="110"/>
        <source>{host} sent a message larger than {mib} MiB, so the connection was closed. The conversation is kept; connect again to go on.</source>
        <translation>{host} から {mib} MiB を超えるメッセージが届いたため、接続を閉じました。会話は残っています。続けるにはもう一度接続してください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="115"/>
        <source>{host} closed the connection by policy: {reason}.</source>
        <translation>{host} がポリシーにより接続を閉じました: {reason}。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="116"/>
        <source>{host} closed the connection (code {code}).</source>
        <translation>{host} が接続を閉じました (コード {code})。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/failures.py" line="117"/>
        <source>{host} closed the connection (code {code}): {reason}.</source>
        <translation>{host} が接続を閉じました (コード {code}): {reason}。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/probe.py" line="30"/>
        <source>{host} accepted the connection but never started a session.</source>
        <translation>{host} は接続を受け付けましたが、セッションを開始しませんでした。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/probe.py" line="33"/>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/probe.py" line="34"/>
        <source>OK: {endpoint}, model {model}.</source>
        <translation>OK: {endpoint}、モデル {model}。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/probe.py" line="35"/>
        <source>This is the legacy preview protocol, deprecated by Azure; prefer the GA URL.</source>
        <translation>これは Azure が非推奨にした旧プレビュー プロトコルです。GA の URL を使ってください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/probe.py" line="38"/>
        <source>{host} speaks the preview protocol, not GA: use the preview URL (/openai/realtime?api-version=...&amp;deployment=...).</source>
        <translation>{host} は GA ではなくプレビュー プロトコルを話します: プレビューの URL (/openai/realtime?api-version=...&amp;deployment=...) を使ってください。</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/probe.py" line="43"/>
        <source>Connected, but the server refused the session settings: {message}</source>
        <translation>接続しましたが、サーバーがセッション設定を拒否しました: {message}</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/entra.py" line="30"/>
        <source>Microsoft Entra ID sign-in needs the azure extra: pip install &apos;realtime-assistant[azure]&apos;.</source>
        <translation>Microsoft Entra ID でのサインインには azure エクストラが必要です: pip install &apos;realtime-assistant[azure]&apos;</translation>
    </message>
    <message>
        <location filename="../../assistant/transport/entra.py" line="38"/>
        <source>Microsoft Entra ID gave no token for Azure OpenAI: sign in with `az login` (or set AZURE_CLIENT_ID and its secret), then try again.</source>
        <translation>Microsoft Entra ID から Azure OpenAI 用のトークンを得られませんでした: `az login` でサインインして (または AZURE_CLIENT_ID とそのシークレットを設定して) から、もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../assistant/ui/tray.py" line="31"/>
        <source>This desktop has no system tray, so closing the window quits Realtime Assistant.</source>
        <translation>このデスクトップにはシステムトレイがないため、ウィンドウを閉じると Realtime Assistant は終了します。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="56"/>
        <location filename="../../assistant/ui/tray.py" line="145"/>
        <source>Realtime Assistant</source>
        <translation>Realtime Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="75"/>
        <location filename="../../assistant/ui/tray.py" line="104"/>
        <source>Hide window</source>
        <translation>ウィンドウを隠す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="77"/>
        <location filename="../../assistant/ui/tray.py" line="105"/>
        <source>Talk</source>
        <translation>話す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="79"/>
        <source>Mute microphone</source>
        <translation>マイクをミュート</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="81"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="104"/>
        <source>Show window</source>
        <translation>ウィンドウを表示</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="105"/>
        <source>Send what I said</source>
        <translation>話した内容を送信</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="131"/>
        <source>Realtime Assistant is still running. Quit from this icon&apos;s menu to end it.</source>
        <translation>Realtime Assistant は動作を続けています。終了するにはこのアイコンのメニューから「終了」を選んでください。</translation>
    </message>
</context>
<context>
    <name>TrayOptions</name>
    <message>
        <location filename="../../assistant/ui/tray.py" line="154"/>
        <source>Keep running in the tray when the window is closed</source>
        <translation>ウィンドウを閉じてもトレイで動作を続ける</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray.py" line="155"/>
        <source>Notify when a reply arrives while the window is hidden</source>
        <translation>ウィンドウを隠している間に返答が届いたら通知する</translation>
    </message>
</context>
<context>
    <name>VoicePage</name>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="95"/>
        <source>The voice can change only before the assistant speaks.</source>
        <translation>声はアシスタントが話し始める前にのみ変更できます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="101"/>
        <source>Left empty, the assistant is told to be a helpful, concise voice assistant.</source>
        <translation>空のままにすると、役に立つ簡潔な音声アシスタントとして振る舞うよう指示されます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="104"/>
        <source>Voice</source>
        <translation>声</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="105"/>
        <source>Speaking speed</source>
        <translation>話す速さ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="106"/>
        <source>Instructions</source>
        <translation>指示</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="110"/>
        <source>How long the model thinks before it answers. Only reasoning models (gpt-realtime-2 and later) take it; more effort costs time and output tokens.</source>
        <translation>答える前にモデルが考える長さです。推論モデル (gpt-realtime-2 以降) だけが受け付けます。多く考えるほど時間と出力トークンがかかります。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/voice_page.py" line="114"/>
        <source>Reasoning</source>
        <translation>推論</translation>
    </message>
</context>
<context>
    <name>WaveformMeter</name>
    <message>
        <location filename="../../assistant/ui/meter.py" line="81"/>
        <source>Audio levels</source>
        <translation>音量レベル</translation>
    </message>
</context>
</TS>
