"""Running the pipeline over many articles: in this process or in worker processes."""
