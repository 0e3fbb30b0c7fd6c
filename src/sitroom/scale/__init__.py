"""Scale-out: worker pools on one machine, Ray across many."""
