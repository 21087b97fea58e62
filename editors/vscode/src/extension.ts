// The krquality VS Code extension: it only starts `krquality lsp` and hands it the settings.
// Everything else (reading OKR files, analysis, diagnostics, hovers, code actions) is the server's.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const configured = vscode.workspace.getConfiguration("krquality").get<string[]>("serverCommand");
  const [command, ...args] = configured && configured.length > 0 ? configured : ["krquality", "lsp"];
  return { command, args, transport: TransportKind.stdio };
}

function clientOptions(): LanguageClientOptions {
  const plainText = vscode.workspace.getConfiguration("krquality").get<string[]>("plainTextFiles") ?? ["*.okr"];
  return {
    documentSelector: [
      { language: "markdown" },
      { language: "yaml" },
      ...plainText.map((glob) => ({ pattern: glob.includes("/") ? glob : `**/${glob}` })),
    ],
    synchronize: {
      // Pushes workspace/didChangeConfiguration with the krquality section on every change.
      configurationSection: "krquality",
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/krquality.toml"),
        vscode.workspace.createFileSystemWatcher("**/pyproject.toml"),
      ],
    },
    initializationOptions: vscode.workspace.getConfiguration("krquality"),
  };
}

async function start(): Promise<void> {
  client = new LanguageClient("krquality", "krquality", serverOptions(), clientOptions());
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("krquality.restartServer", async () => {
      await client?.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The server command and the document selector are read at start: restart to apply them.
      if (event.affectsConfiguration("krquality.serverCommand") || event.affectsConfiguration("krquality.plainTextFiles")) {
        await client?.stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
