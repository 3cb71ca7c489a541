<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Audio</name>
    <message>
        <location filename="../../assistant/app/audio.py" line="23"/>
        <source>No microphone or speaker was found: text only.</source>
        <translation>マイクもスピーカーも見つかりません。テキストのみで使えます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="24"/>
        <source>No microphone was found: type your messages; replies are spoken.</source>
        <translation>マイクが見つかりません。メッセージは入力してください。返答は音声で流れます。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/audio.py" line="27"/>
        <source>No speaker was found: replies are shown as text.</source>
        <translation>スピーカーが見つかりません。返答はテキストで表示します。</translation>
    </message>
</context>
<context>
    <name>Bridge</name>
    <message>
        <location filename="../../assistant/ui/bridge.py" line="36"/>
        <source>Hold the talk key a little longer: nothing was sent.</source>
        <translation>話すキーをもう少し長く押してください。何も送信されていません。</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="18"/>
        <source>You</source>
        <translation>あなた</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="19"/>
        <source>Assistant</source>
        <translation>アシスタント</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="20"/>
        <source>Tool</source>
        <translation>ツール</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="21"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="22"/>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="53"/>
        <source>spoken</source>
        <translation>音声</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="82"/>
        <source>(not transcribed: {reason})</source>
        <translation>（文字起こしできませんでした: {reason}）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="86"/>
        <source>(transcribing…)</source>
        <translation>（文字起こし中…）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="88"/>
        <source>(no transcript)</source>
        <translation>（文字起こしなし）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="99"/>
        <source>(cut off: the connection dropped)</source>
        <translation>（途切れました: 接続が切れました）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="117"/>
        <source>you cut in at {seconds:.1f} s</source>
        <translation>{seconds:.1f} 秒で割り込み</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="133"/>
        <source>(running…)</source>
        <translation>（実行中…）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="136"/>
        <source>arguments</source>
        <translation>引数</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_text.py" line="137"/>
        <source>result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_model.py" line="24"/>
        <source>new server session: the conversation continues</source>
        <translation>サーバーの新しいセッション：会話は続きます</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../assistant/ui/chat_view.py" line="64"/>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_view.py" line="126"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/chat_view.py" line="128"/>
        <source>Select all</source>
        <translation>すべて選択</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../assistant/ui/window.py" line="58"/>
        <source>Type a message and press Enter</source>
        <translation>メッセージを入力して Enter を押してください</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="59"/>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="60"/>
        <source>Send</source>
        <translation>送信</translation>
    </message>
</context>
<context>
    <name>Cost</name>
    <message>
        <location filename="../../assistant/ui/cost.py" line="47"/>
        <source>audio {count}</source>
        <translation>音声 {count}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="47"/>
        <source>cached {count}</source>
        <translation>キャッシュ {count}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="52"/>
        <source>{input} in{details}{sep}{output} out{output_details} tokens</source>
        <translation>入力 {input}{details}{sep}出力 {output}{output_details} トークン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="65"/>
        <source>no price known</source>
        <translation>料金不明</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="66"/>
        <source> + unpriced tokens</source>
        <translation> + 料金不明のトークン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="69"/>
        <source>No price is known for this model: tokens only, never a guess.</source>
        <translation>このモデルの料金は不明です。推測はせず、トークン数のみ表示します。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="78"/>
        <source>Priced so far:</source>
        <translation>これまでの料金:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="79"/>
        <source>input text {input_text}, input audio {input_audio}, cached input {cached}, output text {output_text}, output audio {output_audio}, transcription {transcription}</source>
        <translation>入力テキスト {input_text}、入力音声 {input_audio}、キャッシュ入力 {cached}、出力テキスト {output_text}、出力音声 {output_audio}、文字起こし {transcription}</translation>
    </message>
</context>
<context>
    <name>CostPanel</name>
    <message>
        <location filename="../../assistant/ui/cost.py" line="102"/>
        <source>Last reply</source>
        <translation>直前の返答</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="103"/>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/cost.py" line="110"/>
        <source>Cost</source>
        <translation>料金</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="25"/>
        <source>&lt;h3&gt;Welcome to Realtime Assistant&lt;/h3&gt;&lt;p&gt;You are talking to the built-in offline demo: it needs no key and no network, and it only echoes what it hears. To talk to a real model, enter an OpenAI API key. It is kept in your system keyring, never in a file.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Realtime Assistant へようこそ&lt;/h3&gt;&lt;p&gt;いま話している相手は内蔵のオフラインデモです。キーもネットワークも不要ですが、聞いた内容を繰り返すだけです。本物のモデルと話すには OpenAI の API キーを入力してください。キーはシステムのキーリングに保存され、ファイルには書き込まれません。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="49"/>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="52"/>
        <source>Connect to OpenAI</source>
        <translation>OpenAI に接続</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="54"/>
        <source>Azure OpenAI or another endpoint…</source>
        <translation>Azure OpenAI または他のエンドポイント…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="55"/>
        <source>Keep trying the offline demo</source>
        <translation>オフラインデモを続ける</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="70"/>
        <source>OpenAI API key</source>
        <translation>OpenAI API キー</translation>
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
        <location filename="../../assistant/app/history.py" line="36"/>
        <source>This conversation is not being saved: the history could not be opened ({reason}).</source>
        <translation>この会話は保存されていません。履歴を開けませんでした（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/history.py" line="39"/>
        <source>The history could not be saved; the conversation goes on ({reason}).</source>
        <translation>履歴を保存できませんでしたが、会話は続けられます（{reason}）。</translation>
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
        <location filename="../../assistant/ui/history_browser.py" line="142"/>
        <source>The history could not be read: {reason}</source>
        <translation>履歴を読み込めませんでした：{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assistant/ui/history_browser.py" line="151"/>
        <source>%n conversation(s) match.</source>
        <translation>
            <numerusform>%n 件の会話が一致しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assistant/ui/history_browser.py" line="152"/>
        <source>%n conversation(s).</source>
        <translation>
            <numerusform>%n 件の会話</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="181"/>
        <source>The conversation could not be renamed: {reason}</source>
        <translation>会話の名前を変更できませんでした：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="190"/>
        <source>Delete conversation</source>
        <translation>会話を削除</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="191"/>
        <source>Delete “{title}” for good? It cannot be brought back.</source>
        <translation>「{title}」を完全に削除しますか？元に戻せません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="205"/>
        <source>The conversation could not be deleted: {reason}</source>
        <translation>会話を削除できませんでした：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="208"/>
        <source>The conversation was deleted.</source>
        <translation>会話を削除しました。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="217"/>
        <source>No event log was kept for this conversation.</source>
        <translation>この会話のイベントログは保存されていません。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="220"/>
        <source>Export conversation</source>
        <translation>会話を書き出す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="237"/>
        <source>The export could not be written: {reason}</source>
        <translation>書き出せませんでした：{reason}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/history_browser.py" line="239"/>
        <source>Saved to {path}.</source>
        <translation>{path} に保存しました。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../assistant/ui/window.py" line="92"/>
        <source>Realtime Assistant</source>
        <translation>Realtime Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="105"/>
        <source>Reconnect</source>
        <translation>再接続</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="126"/>
        <source>&amp;Assistant</source>
        <translation>アシスタント(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="127"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="130"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/window.py" line="133"/>
        <source>&amp;History…</source>
        <translation>履歴(&amp;H)…</translation>
    </message>
</context>
<context>
    <name>Meter</name>
    <message>
        <location filename="../../assistant/ui/meter.py" line="38"/>
        <source>● Microphone live</source>
        <translation>● マイク オン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="39"/>
        <source>○ Microphone muted</source>
        <translation>○ マイク ミュート中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="40"/>
        <source>No microphone</source>
        <translation>マイクなし</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="118"/>
        <source>No speaker</source>
        <translation>スピーカーなし</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/meter.py" line="119"/>
        <source>Assistant</source>
        <translation>アシスタント</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="9"/>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="10"/>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="11"/>
        <source>Custom endpoint</source>
        <translation>カスタム エンドポイント</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="12"/>
        <source>Offline demo (no key, no network)</source>
        <translation>オフラインデモ（キー・ネットワーク不要）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="15"/>
        <source>Push to talk</source>
        <translation>押して話す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="16"/>
        <source>Hands-free: pause to end a turn (server VAD)</source>
        <translation>ハンズフリー: 間をあけると発話終了（サーバー VAD）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="17"/>
        <source>Hands-free: the model decides (semantic VAD)</source>
        <translation>ハンズフリー: モデルが判断（セマンティック VAD）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="20"/>
        <source>Detect automatically</source>
        <translation>自動検出</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="21"/>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="22"/>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="23"/>
        <source>Chinese</source>
        <translation>中国語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="24"/>
        <source>Korean</source>
        <translation>韓国語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="25"/>
        <source>German</source>
        <translation>ドイツ語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="26"/>
        <source>French</source>
        <translation>フランス語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="27"/>
        <source>Spanish</source>
        <translation>スペイン語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="30"/>
        <source>Follow the system</source>
        <translation>システムに合わせる</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_form.py" line="59"/>
        <source>This address uses the legacy preview protocol (api-version=...), which Azure is retiring. Prefer the GA address: https://&lt;resource&gt;.openai.azure.com/openai/v1/realtime.</source>
        <translation>このアドレスは旧プレビュー版プロトコル（api-version=...）を使います。Azure では廃止予定です。GA 版のアドレス https://&lt;resource&gt;.openai.azure.com/openai/v1/realtime をおすすめします。</translation>
    </message>
    <message>
        <location filename="../../assistant/app/settings_flow.py" line="25"/>
        <source>The offline demo runs on this computer: nothing to test.</source>
        <translation>オフラインデモはこのコンピューター上で動くため、テストは不要です。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="76"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="91"/>
        <source>my-resource, https://… or wss://…</source>
        <translation>my-resource、https://… または wss://…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="92"/>
        <source>The key is an Entra ID access token</source>
        <translation>キーは Entra ID のアクセストークン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="94"/>
        <source>Keep the key for this run only (nothing is written)</source>
        <translation>キーを今回の実行中だけ保持する（どこにも書き込みません）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="99"/>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="112"/>
        <source>Let the assistant call built-in functions (the time)</source>
        <translation>アシスタントに内蔵の関数（現在時刻）の呼び出しを許可する</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="116"/>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="117"/>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="134"/>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="135"/>
        <source>Endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="136"/>
        <source>Deployment</source>
        <translation>デプロイ名</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="137"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="139"/>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="155"/>
        <source>Voice</source>
        <translation>声</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="156"/>
        <source>Taking turns</source>
        <translation>話者の交代</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="157"/>
        <source>Your language</source>
        <translation>あなたの言語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="158"/>
        <source>Instructions</source>
        <translation>指示</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="160"/>
        <source>Display language</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="161"/>
        <source>A new display language is used from the next start.</source>
        <translation>表示言語の変更は次回の起動から反映されます。</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="205"/>
        <source>Testing…</source>
        <translation>テスト中…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="221"/>
        <source>stored in the keyring (type to replace)</source>
        <translation>キーリングに保存済み（入力すると置き換えます）</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../assistant/ui/status.py" line="24"/>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="25"/>
        <source>Connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="26"/>
        <source>Reconnecting…</source>
        <translation>再接続中…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="27"/>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="28"/>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="32"/>
        <source>Ready</source>
        <translation>待機中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="33"/>
        <source>Listening</source>
        <translation>聞き取り中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="34"/>
        <source>Thinking</source>
        <translation>考え中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="35"/>
        <source>Speaking</source>
        <translation>話し中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="42"/>
        <source>session {minutes}:{seconds:02d} left</source>
        <translation>セッション残り {minutes}:{seconds:02d}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/status.py" line="107"/>
        <source>Reconnecting: {detail}.</source>
        <translation>再接続中: {detail}。</translation>
    </message>
</context>
<context>
    <name>TalkBar</name>
    <message>
        <location filename="../../assistant/ui/talk.py" line="31"/>
        <source>Push to talk</source>
        <translation>押して話す</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="32"/>
        <source>Hands-free (server VAD)</source>
        <translation>ハンズフリー（サーバー VAD）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="33"/>
        <source>Hands-free (semantic VAD)</source>
        <translation>ハンズフリー（セマンティック VAD）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="57"/>
        <location filename="../../assistant/ui/talk.py" line="103"/>
        <source>Hold to talk (Space)</source>
        <translation>押して話す（スペース）</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="58"/>
        <location filename="../../assistant/ui/talk.py" line="128"/>
        <source>Mute microphone</source>
        <translation>マイクをミュート</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="60"/>
        <source>Stop reply</source>
        <translation>返答を止める</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="78"/>
        <source>No microphone: type below</source>
        <translation>マイクなし: 下に入力してください</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="103"/>
        <source>Listening hands-free</source>
        <translation>ハンズフリーで聞き取り中</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="111"/>
        <source>Listening… let go to send</source>
        <translation>聞き取り中… 離すと送信</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/talk.py" line="128"/>
        <source>Unmute microphone</source>
        <translation>ミュート解除</translation>
    </message>
</context>
<context>
    <name>WaveformMeter</name>
    <message>
        <location filename="../../assistant/ui/meter.py" line="71"/>
        <source>Audio levels</source>
        <translation>音量レベル</translation>
    </message>
</context>
</TS>
