"""The model and the solving: CP-SAT model (one define_… per rule), stages O1–O6, repair, knapsack, voorkeur leidend."""
