using LiveWatch.Cli;

return await LiveWatchCommandLine.InvokeAsync(args).ConfigureAwait(false);
