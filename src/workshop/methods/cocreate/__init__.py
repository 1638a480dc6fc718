"""Step 4, co-create: the focus question's inputs, clusters and dot votes."""
