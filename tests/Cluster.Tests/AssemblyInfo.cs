// Every test shares one cluster of real processes and some kill parts of it: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
