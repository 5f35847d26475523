DROP TABLE end_decisions;
